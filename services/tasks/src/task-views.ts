// How tasks leave the service: full Task Master objects with a version, or compact rows for listings.
import { encodeSubtask, encodeTask } from './domain/encode-task.js';
import {
  DEFAULT_SUBTASK_STATUS,
  DEFAULT_TASK_PRIORITY,
  type Subtask,
  type Task,
} from './domain/task-model.js';
import type { TagSnapshot } from './tag-store.js';

export function versionOf(snapshot: TagSnapshot, id: number): number {
  return snapshot.rows.get(id)?.version ?? 0;
}

/** The whole task as Task Master writes it, plus `version` for task_update's expectedVersion. */
export function taskView(snapshot: TagSnapshot, task: Task): Record<string, unknown> {
  return { ...encodeTask(task), version: versionOf(snapshot, task.id) };
}

/** A subtask with its full id (`"15.2"`); its version is its parent's (they are stored together). */
export function subtaskView(snapshot: TagSnapshot, parent: Task, subtask: Subtask): Record<string, unknown> {
  return {
    ...encodeSubtask(subtask),
    id: `${parent.id}.${subtask.id}`,
    parentId: parent.id,
    version: versionOf(snapshot, parent.id),
  };
}

/** One line's worth of a task: what a listing needs to pick the next one to read in full. */
export function compactRow(task: Task): Record<string, unknown> {
  const subtasks = task.subtasks ?? [];
  const done = subtasks.filter((s) => (s.status ?? DEFAULT_SUBTASK_STATUS) === 'done').length;
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    priority: task.priority ?? DEFAULT_TASK_PRIORITY,
    ...(task.dependencies?.length ? { dependencies: task.dependencies } : {}),
    ...(subtasks.length ? { subtasks: `${done}/${subtasks.length} done` } : {}),
  };
}
