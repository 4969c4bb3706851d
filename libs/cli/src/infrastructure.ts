// NATS and Postgres for `longhaul up`: the configured ones, or real embedded servers under `.longhaul/`.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_POSTGRES_USER, startEmbeddedPostgres, startNatsServer } from '@longhaul/runtime';
import pg from 'pg';
import { readOrCreateSecret } from './secrets.js';
import type { StatePaths } from './state-dir.js';

export const EMBEDDED_DATABASE = 'longhaul';

export interface Infrastructure {
  natsUrl: string;
  /** Token for the embedded nats-server; absent when NATS_URL points elsewhere. */
  natsToken?: string;
  databaseUrl: string;
  describe: string[];
  stop(): Promise<void>;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export async function startInfrastructure(
  paths: StatePaths,
  env: { NATS_URL?: string; DATABASE_URL?: string; PATH?: string; NATS_SERVER_BIN?: string },
): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const describe: string[] = [];
  let natsUrl = env.NATS_URL;
  let natsToken: string | undefined;
  let databaseUrl = env.DATABASE_URL;
  try {
    if (natsUrl) {
      describe.push(`NATS      ${natsUrl} (NATS_URL)`);
    } else {
      // Only holders of the token (this user's processes, via the 0600 file) may connect.
      natsToken = readOrCreateSecret(paths.natsToken);
      writeFileSync(paths.natsConfig, `authorization {\n  token: "${natsToken}"\n}\n`, { mode: 0o600 });
      const nats = await startNatsServer({
        storeDir: paths.nats,
        configFile: paths.natsConfig,
        ...(env.NATS_SERVER_BIN ? { binary: env.NATS_SERVER_BIN } : {}),
        ...(env.PATH ? { searchPath: env.PATH } : {}),
      });
      stops.push(() => nats.stop());
      natsUrl = nats.url;
      describe.push(`NATS      ${natsUrl} (embedded nats-server, JetStream in ${paths.nats})`);
    }
    if (databaseUrl) {
      describe.push('Postgres  DATABASE_URL');
    } else {
      const clusterExists = existsSync(join(paths.postgres, 'PG_VERSION'));
      const password = readOrCreateSecret(paths.postgresPassword, () =>
        // A cluster made before passwords were generated keeps its original password.
        clusterExists ? EMBEDDED_POSTGRES_USER : undefined,
      );
      const postgres = await startEmbeddedPostgres({ dataDir: paths.postgres, password });
      stops.push(() => postgres.stop());
      await ensureDatabase(postgres.adminUrl, EMBEDDED_DATABASE);
      databaseUrl = postgres.urlFor(EMBEDDED_DATABASE);
      describe.push(`Postgres  127.0.0.1:${postgres.port} (embedded PostgreSQL in ${paths.postgres})`);
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  return {
    natsUrl,
    ...(natsToken ? { natsToken } : {}),
    databaseUrl,
    describe,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
