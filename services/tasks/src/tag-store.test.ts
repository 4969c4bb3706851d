// Two service instances over one real Postgres: a cached snapshot never outlives a change made elsewhere.
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createTestDatabase } from '@longhaul/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { planCreate } from './handlers/create-tasks.js';
import { manageTags } from './handlers/manage-tags.js';
import { TASKS_MIGRATIONS, TASKS_SCHEMA, type TasksDatabase } from './migrations.js';
import { createTagStore } from './tag-store.js';

const NOW = '2026-11-24T00:00:00.000Z';

describe('tag store', () => {
  it('serves what another instance wrote, even after a tag is deleted and made again', async () => {
    await using database = await createTestDatabase();
    const db = openDatabase<TasksDatabase>({ url: database.url, applicationName: 'test' });
    try {
      await migrateSchema(db as Kysely<unknown>, TASKS_SCHEMA, TASKS_MIGRATIONS);
      const first = createTagStore(db);
      const second = createTagStore(db);
      await manageTags(first, 'w', { action: 'add', tag: 'x' });
      await first.mutate('w', 'x', 'p', (s) => planCreate(s, { tasks: [{ title: 'old' }] }, NOW));
      expect((await first.read('w', 'x')).tasks.map((t) => t.title)).toEqual(['old']);

      // The second instance replaces the tag: same name, new contents.
      await manageTags(second, 'w', { action: 'delete', tag: 'x' });
      await manageTags(second, 'w', { action: 'add', tag: 'x' });
      await second.mutate('w', 'x', 'p', (s) => planCreate(s, { tasks: [{ title: 'new' }] }, NOW));

      expect((await first.read('w', 'x')).tasks.map((t) => t.title)).toEqual(['new']);
      // A write through the first instance starts from the current contents, not its old cache.
      await first.mutate('w', 'x', 'p', (s) => planCreate(s, { tasks: [{ title: 'newer' }] }, NOW));
      expect((await second.read('w', 'x')).tasks.map((t) => t.title)).toEqual(['new', 'newer']);
    } finally {
      await db.destroy();
    }
  });
});
