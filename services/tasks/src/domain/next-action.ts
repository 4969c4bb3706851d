// Task Master's "next task" choice: a ready subtask of an in-progress task first, else the best ready task.
import { formatCount } from './plain-text.js';
import { type IndexedItem, indexTasks, isDone, type TaskIndex } from './task-index.js';
import { PRIORITY_RANK, type Subtask, TASK_STATUSES, type Task, type TaskPriority } from './task-model.js';

/** How many waiting tasks a "nothing ready" reason names before "… and N more". */
export const DEFAULT_REASON_ITEMS = 5;

export interface ReadyAction {
  kind: 'subtask' | 'task';
  /** `"15.2"` or `"15"`. */
  id: string;
  /** The subtask or task to work on. */
  task: Task | Subtask;
  /** Set for subtasks. */
  parent?: Task;
  priority: TaskPriority;
  /** All dependencies, as Task Master counts them for the tie-break (all are done when ready). */
  dependencyCount: number;
}

export type NextAction = (ReadyAction & { reason: string }) | { kind: 'none'; id: null; reason: string };

/**
 * Everything ready, in Task Master's order (tm-core `TaskService.getNextTask`, formerly `findNextTask`):
 * 1. subtasks of tasks whose status is `in-progress`, when the subtask is `pending` or `in-progress` (missing
 *    status = pending) and every dependency is `done`;
 * 2. then top-level tasks that are `pending` or `in-progress` with every dependency `done`.
 * Each group is sorted by priority (critical > high > medium > low; a subtask without one takes its parent's,
 * then medium), then fewest dependencies, then id (parent id, then subtask id). O(n log n).
 */
export function listReadyActions(
  tasks: readonly Task[],
  index: TaskIndex = indexTasks(tasks),
): ReadyAction[] {
  const subtasks: IndexedItem[] = [];
  const topLevel: IndexedItem[] = [];
  for (const item of index.items) {
    if (item.status !== 'pending' && item.status !== 'in-progress') continue;
    if (item.kind === 'subtask' && item.task.status !== 'in-progress') continue;
    if (!item.dependencies.every((d) => isDone(index, d.key))) continue;
    (item.kind === 'subtask' ? subtasks : topLevel).push(item);
  }
  subtasks.sort(compareReady);
  topLevel.sort(compareReady);
  return [...subtasks, ...topLevel].map(toAction);
}

/** The single next action with a one-line reason, or `kind: 'none'` with a reason saying why nothing is ready. */
export function findNextAction(tasks: readonly Task[], index: TaskIndex = indexTasks(tasks)): NextAction {
  const ready = listReadyActions(tasks, index);
  const first = ready[0];
  if (!first) return { kind: 'none', id: null, reason: explainNothingReady(index) };
  const sameKind = ready.filter((r) => r.kind === first.kind).length;
  const deps =
    first.dependencyCount === 0
      ? 'no dependencies'
      : `${formatCount(first.dependencyCount, 'dependency', 'dependencies')}, all done`;
  const rank = `${sameKind === 1 ? 'the only one' : `first of ${sameKind}`} by priority, fewest dependencies, id`;
  const where =
    first.kind === 'subtask'
      ? `ready subtask of in-progress task ${first.parent!.id}`
      : `ready task (no subtask of an in-progress task is ready)`;
  return { ...first, reason: `${first.id}: ${where}, ${rank}; priority ${first.priority}, ${deps}` };
}

function compareReady(a: IndexedItem, b: IndexedItem): number {
  return (
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    a.dependencies.length - b.dependencies.length ||
    a.task.id - b.task.id ||
    (a.subtask?.id ?? 0) - (b.subtask?.id ?? 0)
  );
}

function toAction(item: IndexedItem): ReadyAction {
  const base = { id: item.key, priority: item.priority, dependencyCount: item.dependencies.length };
  return item.subtask
    ? { kind: 'subtask', task: item.subtask, parent: item.task, ...base }
    : { kind: 'task', task: item.task, ...base };
}

function explainNothingReady(index: TaskIndex): string {
  const tasks = index.items.filter((i) => i.kind === 'task');
  if (tasks.length === 0) return 'nothing to do: this tag has no tasks';
  const open = tasks.filter((i) => i.status === 'pending' || i.status === 'in-progress');
  const others = TASK_STATUSES.filter((s) => s !== 'pending' && s !== 'in-progress')
    .map((s) => [s, tasks.filter((i) => i.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  if (open.length === 0) return `nothing to do: no pending or in-progress tasks (${others})`;
  const waiting = open.slice(0, DEFAULT_REASON_ITEMS).map((item) => {
    const unmet = item.dependencies
      .filter((d) => !isDone(index, d.key))
      .map((d) =>
        d.key !== null && index.byKey.has(d.key) ? d.key : `${d.key ?? String(d.written)} missing`,
      );
    return `${item.key} (waits on ${unmet.join(', ')})`;
  });
  const more = open.length > DEFAULT_REASON_ITEMS ? ` … and ${open.length - DEFAULT_REASON_ITEMS} more` : '';
  const also = others ? `; other tasks: ${others}` : '';
  return `nothing ready: ${formatCount(open.length, 'pending or in-progress task waits', 'pending or in-progress tasks wait')} on unfinished dependencies: ${waiting.join(', ')}${more}${also}`;
}
