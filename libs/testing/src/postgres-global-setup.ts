// Vitest global setup: one real embedded PostgreSQL server for the whole run; each test file makes its own database.
import { chmodSync } from 'node:fs';
import { startEmbeddedPostgres } from '@longhaul/runtime';
import type { TestProject } from 'vitest/node';
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
  const server = await startEmbeddedPostgres({ dataDir: `${dir.path}/data`, persistent: false });
  project.provide('postgresAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
    dir.remove();
  };
}
