// The runs service's Postgres schema: the durable history of runs and their events.
import type { MigrationSet } from '@longhaul/db';
import type { Kysely } from 'kysely';

export const RUNS_SCHEMA = 'runs';

export const RUNS_MIGRATIONS: MigrationSet = {
  '0001_history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(RUNS_SCHEMA)
        .createTable('runs')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('principal_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('parent_run_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('record', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema
        .withSchema(RUNS_SCHEMA)
        .createIndex('runs_by_workspace')
        .on('runs')
        .columns(['workspace', 'updated_at desc'])
        .execute();
      await db.schema
        .withSchema(RUNS_SCHEMA)
        .createIndex('runs_by_parent')
        .on('runs')
        .column('parent_run_id')
        .execute();
      await db.schema
        .withSchema(RUNS_SCHEMA)
        .createTable('events')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('attempt', 'integer')
        .addColumn('data', 'jsonb')
        .addPrimaryKeyConstraint('events_pk', ['run_id', 'seq'])
        .execute();
    },
  },
};

export interface RunsTable {
  run_id: string;
  workspace: string;
  principal_id: string;
  tool: string;
  status: string;
  parent_run_id: string | null;
  created_at: string | number;
  updated_at: string | number;
  record: unknown;
}

export interface EventsTable {
  run_id: string;
  seq: string | number;
  kind: string;
  at: string | number;
  attempt: number | null;
  data: unknown;
}

export interface RunsDatabase {
  'runs.runs': RunsTable;
  'runs.events': EventsTable;
}
