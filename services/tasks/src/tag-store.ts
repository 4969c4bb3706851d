// A workspace's tags in Postgres: read as snapshots (cached by tag version) and changed in transactions that
// lock the tag row, so integrity checks see every concurrent write and no update is lost.
import { LonghaulError } from '@longhaul/schemas';
import { type Kysely, sql, type Transaction } from 'kysely';
import { decodeTask } from './domain/decode-task.js';
import { encodeTask } from './domain/encode-task.js';
import { ProblemList } from './domain/problem-list.js';
import { DEFAULT_TAG, type Task } from './domain/task-model.js';
import { NEXT_TAG_VERSION, type TasksDatabase } from './migrations.js';

export interface TagSnapshot {
  tag: string;
  /** Bumped by every write to the tag; 0 for the default tag before its first write. */
  version: number;
  /** In file order. */
  tasks: Task[];
  /** Per task id: its version (bumped each time the task changes) and its place in the file. */
  rows: Map<number, { version: number; position: number }>;
  metadata?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** What a mutation wants written: the tag's new task list, which tasks changed or went, and the change log. */
export interface TagChange<T> {
  tasks: Task[];
  changed: number[];
  removed?: number[];
  log: Array<{ item: string; kind: string }>;
  /** What the tool answers; `versions` of changed tasks are filled in after the write. */
  result: T;
  metadata?: Record<string, unknown>;
}

export interface RecentChangeRow {
  id: string;
  kind: string;
  at: string;
}

export interface TagStore {
  currentTag(workspace: string): Promise<string>;
  read(workspace: string, tag: string): Promise<TagSnapshot>;
  /** Runs `change` on the locked tag and writes what it returns; answers its result and the new snapshot. */
  mutate<T>(
    workspace: string,
    tag: string,
    by: string,
    change: (snapshot: TagSnapshot) => TagChange<T>,
  ): Promise<{ result: T; snapshot: TagSnapshot }>;
  recentChanges(workspace: string, tag: string, limit: number): Promise<RecentChangeRow[]>;
  /** Drops cached snapshots of a workspace (after tag-level operations). */
  forget(workspace: string): void;
  readonly db: Kysely<TasksDatabase>;
}

type Db = Kysely<TasksDatabase> | Transaction<TasksDatabase>;

function tagNotFound(workspace: string, tag: string): LonghaulError {
  return new LonghaulError(
    'not_found',
    `tag "${tag}" does not exist in workspace "${workspace}"; create it with task_tags {"action": "add", "tag": "${tag}"} or list tags with task_tags`,
  );
}

async function loadTasks(db: Db, workspace: string, tag: string) {
  const rows = await db
    .selectFrom('tasks.tasks')
    .select(['id', 'version', 'position', 'data'])
    .where('workspace', '=', workspace)
    .where('tag', '=', tag)
    .orderBy('position')
    .execute();
  const problems = new ProblemList();
  const tasks: Task[] = [];
  const meta = new Map<number, { version: number; position: number }>();
  for (const row of rows) {
    const task = decodeTask(row.data, `tasks[id=${row.id}]`, problems);
    if (task) tasks.push(task);
    meta.set(row.id, { version: row.version, position: row.position });
  }
  // Only valid tasks are ever written, so a problem here means the stored data was changed by hand.
  if (!problems.empty) {
    throw new LonghaulError(
      'internal',
      `stored tasks of tag "${tag}" are unreadable: ${problems.problems[0]?.message}`,
    );
  }
  return { tasks, rows: meta };
}

export function createTagStore(db: Kysely<TasksDatabase>): TagStore {
  const cache = new Map<string, TagSnapshot>();
  const keyOf = (workspace: string, tag: string) => `${workspace}\u0000${tag}`;

  async function snapshotOf(
    tx: Db,
    workspace: string,
    tag: string,
    version: number,
    row?: { metadata: unknown; extra: unknown },
  ) {
    const cached = cache.get(keyOf(workspace, tag));
    if (cached && cached.version === version) return cached;
    const { tasks, rows } =
      version === 0 ? { tasks: [], rows: new Map() } : await loadTasks(tx, workspace, tag);
    const snapshot: TagSnapshot = {
      tag,
      version,
      tasks,
      rows,
      ...(row?.metadata ? { metadata: row.metadata as Record<string, unknown> } : {}),
      ...(row?.extra ? { extra: row.extra as Record<string, unknown> } : {}),
    };
    cache.set(keyOf(workspace, tag), snapshot);
    return snapshot;
  }

  return {
    db,
    async currentTag(workspace) {
      const row = await db
        .selectFrom('tasks.workspaces')
        .select('current_tag')
        .where('workspace', '=', workspace)
        .executeTakeFirst();
      return row?.current_tag ?? DEFAULT_TAG;
    },

    async read(workspace, tag) {
      const row = await db
        .selectFrom('tasks.tags')
        .select(['version', 'metadata', 'extra'])
        .where('workspace', '=', workspace)
        .where('tag', '=', tag)
        .executeTakeFirst();
      if (!row) {
        if (tag === DEFAULT_TAG) return { tag, version: 0, tasks: [], rows: new Map() };
        throw tagNotFound(workspace, tag);
      }
      return snapshotOf(db, workspace, tag, Number(row.version), row);
    },

    async mutate(workspace, tag, by, change) {
      const outcome = await db.transaction().execute(async (tx) => {
        if (tag === DEFAULT_TAG) {
          await tx
            .insertInto('tasks.tags')
            .values({ workspace, tag, position: 0, metadata: null, extra: null })
            .onConflict((oc) => oc.columns(['workspace', 'tag']).doNothing())
            .execute();
        }
        const row = await tx
          .selectFrom('tasks.tags')
          .select(['version', 'metadata', 'extra'])
          .where('workspace', '=', workspace)
          .where('tag', '=', tag)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw tagNotFound(workspace, tag);
        const before = await snapshotOf(tx, workspace, tag, Number(row.version), row);
        const planned = change(before);
        const { rows: fresh } = await sql<{ version: string }>`select ${NEXT_TAG_VERSION} as version`.execute(
          tx,
        );
        const version = Number(fresh[0]?.version);
        const rows = new Map(before.rows);
        let nextPosition = [...rows.values()].reduce((max, r) => Math.max(max, r.position), -1) + 1;
        const byId = new Map(planned.tasks.map((t) => [t.id, t]));
        const writes = [...new Set(planned.changed)].flatMap((id) => {
          const task = byId.get(id);
          if (!task) return [];
          const old = rows.get(id);
          const meta = { version: (old?.version ?? 0) + 1, position: old?.position ?? nextPosition++ };
          rows.set(id, meta);
          return [
            {
              workspace,
              tag,
              id,
              version: meta.version,
              position: meta.position,
              data: JSON.stringify(encodeTask(task)),
            },
          ];
        });
        if (writes.length > 0) {
          await tx
            .insertInto('tasks.tasks')
            .values(writes)
            .onConflict((oc) =>
              oc.columns(['workspace', 'tag', 'id']).doUpdateSet({
                version: sql`excluded.version`,
                data: sql`excluded.data`,
                updated_at: sql`now()`,
              }),
            )
            .execute();
        }
        const removed = planned.removed ?? [];
        if (removed.length > 0) {
          await tx
            .deleteFrom('tasks.tasks')
            .where('workspace', '=', workspace)
            .where('tag', '=', tag)
            .where('id', 'in', removed)
            .execute();
          for (const id of removed) rows.delete(id);
        }
        const metadata = planned.metadata ?? (row.metadata as Record<string, unknown> | null) ?? undefined;
        await tx
          .updateTable('tasks.tags')
          .set({ version, ...(planned.metadata ? { metadata: JSON.stringify(planned.metadata) } : {}) })
          .where('workspace', '=', workspace)
          .where('tag', '=', tag)
          .execute();
        if (planned.log.length > 0) {
          await tx
            .insertInto('tasks.changes')
            .values(planned.log.map((entry) => ({ workspace, tag, item: entry.item, kind: entry.kind, by })))
            .execute();
        }
        const removedSet = new Set(removed);
        const after: TagSnapshot = {
          tag,
          version,
          tasks: planned.tasks.filter((t) => !removedSet.has(t.id)),
          rows,
          ...(metadata ? { metadata } : {}),
          ...(row.extra ? { extra: row.extra as Record<string, unknown> } : {}),
        };
        return { result: planned.result, snapshot: after };
      });
      cache.set(keyOf(workspace, tag), outcome.snapshot);
      return outcome;
    },

    async recentChanges(workspace, tag, limit) {
      const rows = await db
        .selectFrom('tasks.changes')
        .select(['item', 'kind', 'at'])
        .where('workspace', '=', workspace)
        .where('tag', '=', tag)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.item, kind: r.kind, at: r.at.toISOString() }));
    },

    forget(workspace) {
      for (const key of cache.keys()) if (key.startsWith(`${workspace}\u0000`)) cache.delete(key);
    },
  };
}
