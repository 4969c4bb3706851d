// Status changes with Task Master's side effects: a parent set to done closes its subtasks; subtasks roll up to the parent.
import { readTaskStatus } from './field-values.js';
import { formatCount } from './plain-text.js';
import { formatTaskRef, parseTaskRef, type TaskRef } from './task-ids.js';
import { indexTasks, isDone } from './task-index.js';
import { TaskInputError } from './task-input-error.js';
import { DEFAULT_SUBTASK_STATUS, type Subtask, type Task, type TaskStatus } from './task-model.js';

export interface StatusChange {
  /** `"15"` or `"15.2"`. */
  id: string;
  from: TaskStatus;
  to: TaskStatus;
  /** `requested`: the change asked for; `cascade`: a subtask closed with its parent; `rollup`: a parent following its subtasks. */
  cause: 'requested' | 'cascade' | 'rollup';
}

export interface StatusPlan {
  changes: StatusChange[];
  /** One sentence per side effect or warning, for the agent. */
  notes: string[];
}

/** Reads a status sent by an agent; throws `TaskInputError` naming the allowed values and a likely match. */
export function parseTaskStatus(value: unknown): TaskStatus {
  const result = readTaskStatus(value);
  if (!result.ok) throw new TaskInputError([{ path: 'status', message: result.problem }]);
  return result.value;
}

/**
 * Plans setting `ref` to `to`. Task Master has no transition table: any status may follow any other. Its side
 * effects, which this reproduces:
 * - a task set to `done` also sets every subtask that is not `done` to `done` (scripts/modules/task-manager/
 *   update-single-task-status.js), so closing a parent with open subtasks is allowed and noted, never rejected;
 * - after a subtask changes, the parent follows (tm-core file storage `updateSubtaskStatusInFile`): all subtasks
 *   done → parent `done`; else any `in-progress` or `done` → parent `in-progress`; else all `pending` → `pending`.
 * Moving something with unfinished dependencies to `in-progress` or `done` is allowed, with a warning note.
 */
export function planStatusChange(tasks: readonly Task[], target: TaskRef | string, to: unknown): StatusPlan {
  const ref = typeof target === 'string' ? parseTaskRef(target) : target;
  const status = parseTaskStatus(to);
  const { task, subtask } = findTarget(tasks, ref);
  const id = formatTaskRef(ref);
  const from = subtask ? (subtask.status ?? DEFAULT_SUBTASK_STATUS) : task.status;
  if (from === status) return { changes: [], notes: [`${id} is already ${status}; nothing changed`] };
  const plan: StatusPlan = { changes: [{ id, from, to: status, cause: 'requested' }], notes: [] };
  warnAboutOpenDependencies(tasks, id, status, plan.notes);
  if (subtask) rollUpToParent(task, subtask, status, plan);
  else if (status === 'done') closeOpenSubtasks(task, plan);
  return plan;
}

function findTarget(tasks: readonly Task[], ref: TaskRef): { task: Task; subtask?: Subtask } {
  const task = tasks.find((t) => t.id === ref.taskId);
  if (!task) {
    const ids = tasks.map((t) => t.id);
    throw notFound(`task ${ref.taskId} does not exist in this tag; ${describeIds(ids)}`);
  }
  if (ref.subtaskId === undefined) return { task };
  const subtask = task.subtasks?.find((s) => s.id === ref.subtaskId);
  if (subtask) return { task, subtask };
  const ids = (task.subtasks ?? []).map((s) => `${task.id}.${s.id}`);
  const has = ids.length
    ? `task ${task.id} has subtasks ${ids.join(', ')}`
    : `task ${task.id} has no subtasks`;
  throw notFound(`subtask ${formatTaskRef(ref)} does not exist; ${has}`);
}

function closeOpenSubtasks(task: Task, plan: StatusPlan): void {
  const open = (task.subtasks ?? []).filter((s) => s.status !== 'done');
  if (open.length === 0) return;
  const ids = open.map((s) => `${task.id}.${s.id}`);
  open.forEach((s, i) => {
    plan.changes.push({
      id: ids[i]!,
      from: s.status ?? DEFAULT_SUBTASK_STATUS,
      to: 'done',
      cause: 'cascade',
    });
  });
  const count = formatCount(open.length, 'open subtask', 'open subtasks');
  plan.notes.push(`marking ${task.id} done also marks its ${count} done: ${ids.join(', ')}`);
}

function rollUpToParent(task: Task, changed: Subtask, status: TaskStatus, plan: StatusPlan): void {
  const after = (task.subtasks ?? []).map((s) =>
    s === changed ? status : (s.status ?? DEFAULT_SUBTASK_STATUS),
  );
  let parent: TaskStatus | null = null;
  if (after.every((s) => s === 'done')) parent = 'done';
  else if (after.some((s) => s === 'in-progress' || s === 'done')) parent = 'in-progress';
  else if (after.every((s) => s === 'pending')) parent = 'pending';
  if (parent === null || parent === task.status) return;
  plan.changes.push({ id: String(task.id), from: task.status, to: parent, cause: 'rollup' });
  const why =
    parent === 'done'
      ? 'all its subtasks are done'
      : parent === 'pending'
        ? 'all its subtasks are pending'
        : 'a subtask is in progress or done';
  plan.notes.push(`parent ${task.id} moves from ${task.status} to ${parent} because ${why}`);
}

/** Returns a new task list with the changes applied (untouched tasks are shared); sets `updatedAt` when given. */
export function applyStatusChanges(
  tasks: readonly Task[],
  changes: readonly StatusChange[],
  updatedAt?: string,
): Task[] {
  const byId = new Map(changes.map((c) => [c.id, c.to]));
  const stamp = updatedAt === undefined ? {} : { updatedAt };
  return tasks.map((task) => {
    const own = byId.get(String(task.id));
    const subtasks = task.subtasks?.map((s) => {
      const to = byId.get(`${task.id}.${s.id}`);
      return to === undefined ? s : { ...s, status: to, ...stamp };
    });
    const subtasksChanged = subtasks?.some((s, i) => s !== task.subtasks![i]) ?? false;
    if (own === undefined && !subtasksChanged) return task;
    return {
      ...task,
      ...(own === undefined ? {} : { status: own, ...stamp }),
      ...(subtasksChanged ? { subtasks } : {}),
    };
  });
}

function warnAboutOpenDependencies(
  tasks: readonly Task[],
  id: string,
  status: TaskStatus,
  notes: string[],
): void {
  if (status !== 'in-progress' && status !== 'done') return;
  const index = indexTasks(tasks);
  const open = index.byKey
    .get(id)!
    .dependencies.filter((d) => !isDone(index, d.key))
    .map((d) => {
      const target = d.key === null ? undefined : index.byKey.get(d.key);
      return target ? `${target.key} (${target.status})` : `${d.key ?? String(d.written)} (missing)`;
    });
  if (open.length > 0)
    notes.push(`${id} still waits on ${open.join(', ')}; Task Master allows this, but check those first`);
}

function describeIds(ids: readonly number[]): string {
  if (ids.length === 0) return 'the tag has no tasks yet';
  const sorted = [...ids].sort((a, b) => a - b);
  return `the tag has ${formatCount(ids.length, 'task', 'tasks')}, ids ${sorted[0]} to ${sorted[sorted.length - 1]}; list them to find the right id`;
}

function notFound(message: string): TaskInputError {
  return new TaskInputError([{ path: 'id', message }]);
}
