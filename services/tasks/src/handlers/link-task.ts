// task_link: what was done for a task (run, branch, commit, PR, CI) kept in its metadata.longhaul.links.
import { LonghaulError, type taskLink } from '@longhaul/schemas';
import type * as v from 'valibot';
import type { Task } from '../domain/task-model.js';
import type { TagChange, TagSnapshot } from '../tag-store.js';
import { findTargets } from '../task-lookup.js';
import { checkMetadataSize } from './metadata-limit.js';

type LinkInput = v.InferOutput<typeof taskLink.input>;

/** Links kept per task; the oldest go first. */
export const MAX_LINKS_PER_TASK = 50;

export function planLink(
  snapshot: TagSnapshot,
  input: LinkInput,
  now: string,
): TagChange<{ targets: string[] }> {
  const { id, tag: _tag, ...fields } = input;
  if (Object.keys(fields).length === 0) {
    throw new LonghaulError(
      'invalid_argument',
      'send at least one of runId, branch, commit, pr or ci to link',
    );
  }
  const link = { ...fields, at: now };
  const targets = findTargets(snapshot.tasks, id, snapshot.tag);
  const changedIds = new Set(targets.map((t) => t.task.id));
  const tasks = snapshot.tasks.map((task): Task => {
    if (!changedIds.has(task.id)) return task;
    const metadata = { ...task.metadata };
    const longhaul = { ...(metadata.longhaul as Record<string, unknown> | undefined) };
    const links = Array.isArray(longhaul.links) ? [...longhaul.links] : [];
    links.push(link);
    longhaul.links = links.slice(-MAX_LINKS_PER_TASK);
    metadata.longhaul = longhaul;
    checkMetadataSize(metadata, `${task.id}.metadata`);
    return { ...task, metadata, updatedAt: now };
  });
  const ids = targets.map((t) => String(t.task.id));
  return {
    tasks,
    changed: [...changedIds],
    log: ids.map((item) => ({ item, kind: `linked ${Object.keys(fields).join(', ')}` })),
    result: { targets: ids },
  };
}
