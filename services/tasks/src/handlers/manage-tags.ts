// task_tags: list, add, rename, copy, delete and use tags, as Task Master's tag commands do.
import { LonghaulError, type taskTags } from '@longhaul/schemas';
import { sql } from 'kysely';
import type * as v from 'valibot';
import { DEFAULT_TAG } from '../domain/task-model.js';
import { NEXT_TAG_VERSION } from '../migrations.js';
import type { TagStore } from '../tag-store.js';

type TagsInput = v.InferOutput<typeof taskTags.input>;

export interface TagsOutcome {
  current: string;
  tags: Array<{ tag: string; tasks: number; done: number; description?: string }>;
  /** What changed, for the domain event; undefined for `list`. */
  changed?: string;
}

function need(value: string | undefined, what: string, action: string): string {
  if (!value) {
    throw new LonghaulError('invalid_argument', `action "${action}" needs "${what}": the tag name`);
  }
  return value;
}

async function listTags(store: TagStore, workspace: string): Promise<TagsOutcome> {
  const rows = await store.db
    .selectFrom('tasks.tags as g')
    .leftJoin('tasks.tasks as t', (join) =>
      join.onRef('t.workspace', '=', 'g.workspace').onRef('t.tag', '=', 'g.tag'),
    )
    .select([
      'g.tag',
      'g.metadata',
      sql<number>`count(t.id)::int`.as('tasks'),
      sql<number>`count(t.id) filter (where t.data->>'status' = 'done')::int`.as('done'),
    ])
    .where('g.workspace', '=', workspace)
    .groupBy(['g.tag', 'g.metadata', 'g.position'])
    .orderBy('g.position')
    .execute();
  const tags = rows.map((r) => {
    const description = (r.metadata as { description?: unknown } | null)?.description;
    return {
      tag: r.tag,
      tasks: r.tasks,
      done: r.done,
      ...(typeof description === 'string' && description ? { description } : {}),
    };
  });
  if (!tags.some((t) => t.tag === DEFAULT_TAG)) tags.unshift({ tag: DEFAULT_TAG, tasks: 0, done: 0 });
  return { current: await store.currentTag(workspace), tags };
}

export async function manageTags(store: TagStore, workspace: string, input: TagsInput): Promise<TagsOutcome> {
  const action = input.action ?? 'list';
  if (action === 'list') return listTags(store, workspace);
  const tag = need(input.tag, 'tag', action);
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('tasks.workspaces')
      .values({ workspace, file_extra: null })
      .onConflict((oc) => oc.column('workspace').doNothing())
      .execute();
    const existing = await tx
      .selectFrom('tasks.tags')
      .select(['tag', 'position', 'metadata', 'extra'])
      .where('workspace', '=', workspace)
      .forUpdate()
      .execute();
    const has = (name: string) => name === DEFAULT_TAG || existing.some((r) => r.tag === name);
    const nextPosition = Math.max(0, ...existing.map((r) => r.position + 1));
    const missing = (name: string) =>
      new LonghaulError('not_found', `tag "${name}" does not exist; task_tags lists the tags`);
    const taken = (name: string) =>
      new LonghaulError('conflict', `tag "${name}" already exists; pick another name or delete it first`);
    const ensureDefault = async () => {
      if (!existing.some((r) => r.tag === DEFAULT_TAG)) {
        await tx
          .insertInto('tasks.tags')
          .values({ workspace, tag: DEFAULT_TAG, position: 0, metadata: null, extra: null })
          .execute();
      }
    };
    if (action === 'add') {
      if (has(tag)) throw taken(tag);
      await ensureDefault();
      const metadata = { created: now, updated: now, description: input.description ?? '' };
      await tx
        .insertInto('tasks.tags')
        .values({ workspace, tag, position: nextPosition, metadata: JSON.stringify(metadata), extra: null })
        .execute();
    } else if (action === 'use') {
      if (!has(tag)) throw missing(tag);
      await tx
        .updateTable('tasks.workspaces')
        .set({ current_tag: tag })
        .where('workspace', '=', workspace)
        .execute();
    } else if (action === 'delete') {
      if (tag === DEFAULT_TAG) {
        throw new LonghaulError('failed_precondition', `the "${DEFAULT_TAG}" tag cannot be deleted`);
      }
      if (!has(tag)) throw missing(tag);
      await tx.deleteFrom('tasks.tasks').where('workspace', '=', workspace).where('tag', '=', tag).execute();
      await tx.deleteFrom('tasks.tags').where('workspace', '=', workspace).where('tag', '=', tag).execute();
      await tx
        .updateTable('tasks.workspaces')
        .set({ current_tag: DEFAULT_TAG })
        .where('workspace', '=', workspace)
        .where('current_tag', '=', tag)
        .execute();
    } else {
      const to = need(input.to, 'to', action);
      if (!has(tag)) throw missing(tag);
      if (has(to)) throw taken(to);
      if (action === 'rename' && tag === DEFAULT_TAG) {
        throw new LonghaulError(
          'failed_precondition',
          `the "${DEFAULT_TAG}" tag cannot be renamed; copy it instead`,
        );
      }
      await ensureDefault();
      if (action === 'rename') {
        await tx
          .updateTable('tasks.tags')
          .set({ tag: to, version: NEXT_TAG_VERSION })
          .where('workspace', '=', workspace)
          .where('tag', '=', tag)
          .execute();
        await tx
          .updateTable('tasks.tasks')
          .set({ tag: to })
          .where('workspace', '=', workspace)
          .where('tag', '=', tag)
          .execute();
        await tx
          .updateTable('tasks.changes')
          .set({ tag: to })
          .where('workspace', '=', workspace)
          .where('tag', '=', tag)
          .execute();
        await tx
          .updateTable('tasks.workspaces')
          .set({ current_tag: to })
          .where('workspace', '=', workspace)
          .where('current_tag', '=', tag)
          .execute();
      } else {
        const source = existing.find((r) => r.tag === tag);
        const metadata = {
          ...((source?.metadata as Record<string, unknown> | null) ?? {}),
          created: now,
          updated: now,
          description: input.description ?? `Copy of ${tag}`,
        };
        await tx
          .insertInto('tasks.tags')
          .values({
            workspace,
            tag: to,
            position: nextPosition,
            metadata: JSON.stringify(metadata),
            extra: source?.extra ? JSON.stringify(source.extra) : null,
          })
          .execute();
        await sql`insert into tasks.tasks (workspace, tag, id, position, version, data)
          select workspace, ${to}, id, position, 1, data from tasks.tasks
          where workspace = ${workspace} and tag = ${tag}`.execute(tx);
      }
    }
  });
  store.forget(workspace);
  return {
    ...(await listTags(store, workspace)),
    changed: `${action} ${tag}${input.to ? ` → ${input.to}` : ''}`,
  };
}
