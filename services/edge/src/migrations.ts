// The edge's own Postgres schema: bearer tokens.

import type { MigrationSet } from '@longhaul/db';
import { type Generated, type Kysely, sql } from 'kysely';

export const EDGE_SCHEMA = 'edge';

export const EDGE_MIGRATIONS: MigrationSet = {
  '0001_tokens': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(EDGE_SCHEMA)
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('roles', sql`text[]`, (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
  },
};

export interface TokensTable {
  id: string;
  hash: string;
  workspace: string;
  roles: string[];
  label: Generated<string>;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface EdgeDatabase {
  'edge.tokens': TokensTable;
}
