// The tasks service's Postgres schema: workspaces, their tags in file order, tasks with versions, recent changes.
import type { MigrationSet } from '@longhaul/db';
import { type Generated, type Kysely, sql } from 'kysely';

export const TASKS_SCHEMA = 'tasks';
const TAG_VERSIONS = 'tag_versions';
/** The next tag version: unique across all tags and time. */
export const NEXT_TAG_VERSION = sql<string>`nextval('tasks.tag_versions')`;

export const TASKS_MIGRATIONS: MigrationSet = {
  '0001_backlog': {
    async up(db: Kysely<unknown>) {
      const schema = db.schema.withSchema(TASKS_SCHEMA);
      // Tag versions come from one sequence, so a tag deleted and made again never repeats a version another
      // instance may still have cached.
      await sql`create sequence ${sql.id(TASKS_SCHEMA, TAG_VERSIONS)}`.execute(db);
      await schema
        .createTable('workspaces')
        .addColumn('workspace', 'text', (c) => c.primaryKey())
        .addColumn('current_tag', 'text', (c) => c.notNull().defaultTo('master'))
        .addColumn('file_extra', 'jsonb')
        .execute();
      await schema
        .createTable('tags')
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) =>
          c.notNull().defaultTo(sql.raw(`nextval('${TASKS_SCHEMA}.${TAG_VERSIONS}'::regclass)`)),
        )
        .addColumn('metadata', 'jsonb')
        .addColumn('extra', 'jsonb')
        .addPrimaryKeyConstraint('tags_pk', ['workspace', 'tag'])
        .execute();
      await schema
        .createTable('tasks')
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('id', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('tasks_pk', ['workspace', 'tag', 'id'])
        .execute();
      await schema
        .createTable('changes')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await schema.createIndex('changes_recent').on('changes').columns(['workspace', 'tag', 'seq']).execute();
    },
  },
};

export interface TasksDatabase {
  'tasks.workspaces': { workspace: string; current_tag: Generated<string>; file_extra: unknown };
  'tasks.tags': {
    workspace: string;
    tag: string;
    position: number;
    version: Generated<string | number>;
    metadata: unknown;
    extra: unknown;
  };
  'tasks.tasks': {
    workspace: string;
    tag: string;
    id: number;
    position: number;
    version: number;
    data: unknown;
    updated_at: Generated<Date>;
  };
  'tasks.changes': {
    seq: Generated<string>;
    workspace: string;
    tag: string;
    item: string;
    kind: string;
    by: string;
    at: Generated<Date>;
  };
}
