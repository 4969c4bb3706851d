#!/usr/bin/env node
// Adds lockfile entries for other platforms' optional binaries (biome, rollup, turbo) that a registry
// mirror without them leaves out; `npm ci` refuses a lockfile that lacks them. Run after `npm install`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const OS = {
  android: 'android',
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
};
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

let report = '';
try {
  execFileSync('npm', ['ci', '--dry-run'], { stdio: 'pipe', encoding: 'utf8' });
} catch (error) {
  report = `${error.stdout ?? ''}${error.stderr ?? ''}`;
}
const missing = [...new Set([...report.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]))];
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
for (const name of missing) {
  const parent = Object.values(packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package lists ${name} as optional; cannot complete the lockfile`);
  const parts = name
    .split('/')[1]
    .split('-')
    .filter((p) => p !== 'cli' && p !== 'rollup');
  const os = OS[parts[0]];
  const cpu = CPU[parts[1]];
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
  const rest = parts.slice(2);
  const entry = { version: parent.optionalDependencies[name], cpu: [cpu] };
  if (parent.dev) entry.dev = true;
  if (rest.some((r) => r.includes('musl'))) entry.libc = ['musl'];
  else if (os === 'linux' && rest.some((r) => r === 'gnu' || r === 'gnueabihf')) entry.libc = ['glibc'];
  entry.optional = true;
  entry.os = [os];
  packages[`node_modules/${name}`] = entry;
}
lock.packages = Object.fromEntries(
  Object.keys(packages)
    .sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, packages[k]]),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${missing.length} lockfile entries\n`);
