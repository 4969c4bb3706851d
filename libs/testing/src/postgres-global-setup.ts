// Vitest global setup: one real embedded PostgreSQL server for the whole run, in a child process; each test
// file makes its own database.
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { spawnProcess } from './process.js';
import { makeTempDir } from './temp-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = makeTempDir('pg');
  // Postgres runs as its own user and must be able to pass through the directory.
  chmodSync(dir.path, 0o711);
  const server = await spawnProcess({
    entry: fileURLToPath(new URL('./postgres-server-main.ts', import.meta.url)),
    name: 'postgres',
    args: [`${dir.path}/data`],
    env: {},
    readyPattern: /POSTGRES_ADMIN_URL=\S+/,
    timeoutMs: 60_000,
  });
  const adminUrl = /POSTGRES_ADMIN_URL=(\S+)/.exec(server.output())?.[1] ?? '';
  project.provide('postgresAdminUrl', adminUrl);
  return async () => {
    await server.kill('SIGTERM');
    dir.remove();
  };
}
