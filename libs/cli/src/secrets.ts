// Random secrets kept as 0600 files in the state directory, created on first use.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function readOrCreateSecret(path: string, fallbackIfLegacy?: () => string | undefined): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const legacy = fallbackIfLegacy?.();
  if (legacy !== undefined) return legacy;
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function readSecret(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}
