// task_import and task_export: a Task Master tasks.json in and out, one transaction per import, every field kept.
import { LonghaulError } from '@longhaul/schemas';
import { sql } from 'kysely';
import { encodeTask } from '../domain/encode-task.js';
import { type Backlog, DEFAULT_TAG, type TagData } from '../domain/task-model.js';
import { parseTasksFile, serializeTasksFile } from '../domain/tasks-file.js';
import { NEXT_TAG_VERSION } from '../migrations.js';
import type { TagStore } from '../tag-store.js';

/** Rows per insert statement while importing (keeps each statement well under Postgres' parameter limit). */
const INSERT_CHUNK = 1_000;

export interface ImportOutcome {
  tags: Array<{ tag: string; tasks: number }>;
}

/**
 * Each tag in the file replaces the tag of that name (tasks, metadata, unknown fields); other tags stay. The
 * whole import is one transaction: a file with any problem changes nothing.
 */
export async function importBacklog(
  store: TagStore,
  workspace: string,
  by: string,
  text: string,
  onlyTag?: string,
): Promise<ImportOutcome> {
  const backlog = parseTasksFile(text);
  const tags = [...backlog.tags.entries()].filter(([tag]) => !onlyTag || tag === onlyTag);
  if (onlyTag && tags.length === 0) {
    throw new LonghaulError(
      'invalid_argument',
      `the file has no tag "${onlyTag}"; it has ${[...backlog.tags.keys()].map((t) => `"${t}"`).join(', ')}`,
    );
  }
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('tasks.workspaces')
      .values({ workspace, file_extra: backlog.extra ? JSON.stringify(backlog.extra) : null })
      .onConflict((oc) => oc.column('workspace').doUpdateSet({ file_extra: sql`excluded.file_extra` }))
      .execute();
    const existing = await tx
      .selectFrom('tasks.tags')
      .select(['tag', 'position'])
      .where('workspace', '=', workspace)
      .forUpdate()
      .execute();
    const positions = new Map(existing.map((r) => [r.tag, r.position]));
    let nextPosition = Math.max(-1, ...existing.map((r) => r.position)) + 1;
    for (const [tag, data] of tags) {
      await tx.deleteFrom('tasks.tasks').where('workspace', '=', workspace).where('tag', '=', tag).execute();
      const position = positions.get(tag) ?? nextPosition++;
      await tx
        .insertInto('tasks.tags')
        .values({
          workspace,
          tag,
          position,
          version: NEXT_TAG_VERSION,
          metadata: data.metadata ? JSON.stringify(data.metadata) : null,
          extra: data.extra ? JSON.stringify(data.extra) : null,
        })
        .onConflict((oc) =>
          oc.columns(['workspace', 'tag']).doUpdateSet({
            version: sql`excluded.version`,
            metadata: sql`excluded.metadata`,
            extra: sql`excluded.extra`,
          }),
        )
        .execute();
      const rows = data.tasks.map((task, i) => ({
        workspace,
        tag,
        id: task.id,
        position: i,
        version: 1,
        data: JSON.stringify(encodeTask(task)),
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx
          .insertInto('tasks.tasks')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
      await tx
        .insertInto('tasks.changes')
        .values({ workspace, tag, item: '*', kind: `imported ${rows.length} tasks`, by })
        .execute();
    }
  });
  store.forget(workspace);
  return { tags: tags.map(([tag, data]) => ({ tag, tasks: data.tasks.length })) };
}

/** The workspace's backlog (or one tag of it) as tagged tasks.json text. */
export async function exportBacklog(store: TagStore, workspace: string, onlyTag?: string): Promise<string> {
  const rows = await store.db
    .selectFrom('tasks.tags')
    .select(['tag', 'metadata', 'extra'])
    .where('workspace', '=', workspace)
    .orderBy('position')
    .execute();
  const chosen = rows.filter((r) => !onlyTag || r.tag === onlyTag);
  if (onlyTag && chosen.length === 0 && onlyTag !== DEFAULT_TAG) {
    throw new LonghaulError('not_found', `tag "${onlyTag}" does not exist; list tags with task_tags`);
  }
  const workspaceRow = await store.db
    .selectFrom('tasks.workspaces')
    .select('file_extra')
    .where('workspace', '=', workspace)
    .executeTakeFirst();
  const tags = new Map<string, TagData>();
  for (const row of chosen) {
    const snapshot = await store.read(workspace, row.tag);
    tags.set(row.tag, {
      tasks: snapshot.tasks,
      ...(row.metadata ? { metadata: row.metadata as Record<string, unknown> } : {}),
      ...(row.extra ? { extra: row.extra as Record<string, unknown> } : {}),
    });
  }
  if (tags.size === 0) tags.set(DEFAULT_TAG, { tasks: [] });
  const backlog: Backlog = {
    format: 'tagged',
    tags,
    ...(workspaceRow?.file_extra ? { extra: workspaceRow.file_extra as Record<string, unknown> } : {}),
  };
  return serializeTasksFile(backlog);
}
