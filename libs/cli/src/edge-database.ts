// Opens the edge's token table for CLI commands, migrating it first so it works before the edge ever ran.
import { migrateSchema, openDatabase } from '@longhaul/db';
import {
  createTokenStore,
  EDGE_MIGRATIONS,
  EDGE_SCHEMA,
  type EdgeDatabase,
  type TokenStore,
} from '@longhaul/edge';
import type { Kysely } from 'kysely';

export async function openTokenStore(
  databaseUrl: string,
): Promise<{ tokens: TokenStore; close(): Promise<void> }> {
  const db = openDatabase<EdgeDatabase>({ url: databaseUrl, applicationName: 'longhaul-cli', poolSize: 2 });
  await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
  return { tokens: createTokenStore({ db, cacheMs: 0 }), close: () => db.destroy() };
}
