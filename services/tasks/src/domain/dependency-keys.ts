// How a written dependency resolves to a task or subtask: the single rule every graph and next-action check uses.
import type { DependencyValue } from './task-model.js';

/** Ids start at 1 and have no leading zeros, so `"3"` and `3` name the same task, as in Task Master. */
const DEPENDENCY_PATTERN = /^([1-9]\d*)(?:\.([1-9]\d*))?$/;

/** The key of a task (`"15"`) or subtask (`"15.2"`), as used in Task Master's completed-id set. */
export function itemKey(taskId: number, subtaskId?: number): string {
  return subtaskId === undefined ? String(taskId) : `${taskId}.${subtaskId}`;
}

/** True when the value can be written as a dependency: a whole number, or a string like "3" or "3.1". */
export function isDependencyValue(value: unknown): value is DependencyValue {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 1;
  return typeof value === 'string' && DEPENDENCY_PATTERN.test(value);
}

/**
 * The key a dependency refers to, or null when it is not a valid id.
 *
 * Follows Task Master's `findNextTask` (tm-core `TaskService.getNextTask`, `toFullSubId`):
 * - on a task, `3` and `"3"` mean task 3 and `"3.1"` means subtask 1 of task 3;
 * - on a subtask of task P, `"3.1"` means subtask 1 of task 3, and anything without a dot (`2` or `"2"`)
 *   means sibling subtask `P.2`. A subtask therefore cannot name a top-level task; Task Master reads such a
 *   number as a sibling too.
 */
export function dependencyKey(dependency: DependencyValue, parentId?: number): string | null {
  const text = typeof dependency === 'number' ? String(dependency) : dependency;
  const match = DEPENDENCY_PATTERN.exec(text);
  if (!match || (typeof dependency === 'number' && !Number.isSafeInteger(dependency))) return null;
  const first = Number(match[1]);
  if (match[2] !== undefined) return itemKey(first, Number(match[2]));
  return parentId === undefined ? itemKey(first) : itemKey(parentId, first);
}
