// Opens a Kysely database on a pg pool for one service's schema.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

export const DEFAULT_POOL_SIZE = 10;

export interface OpenDatabaseOptions {
  url: string;
  poolSize?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName: string;
}

export function openDatabase<DB>(options: OpenDatabaseOptions): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: options.applicationName,
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
