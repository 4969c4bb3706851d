// Task and subtask ids as agents send them ("15", "15.2", "15, 15.2") parsed into typed refs and formatted back.
import { TaskInputError } from './task-input-error.js';

/** A task (`{ taskId: 15 }`) or one of its subtasks (`{ taskId: 15, subtaskId: 2 }`). */
export interface TaskRef {
  taskId: number;
  subtaskId?: number;
}

export type TaskRefResult = { ok: true; ref: TaskRef } | { ok: false; problem: string };

const ID_PATTERN = /^(\d+)(?:\.(\d+))?$/;
const EXPECTED = 'expected a task id like "15" or a subtask id like "15.2"';

/** Parses one id without throwing. Numbers are accepted for task ids only (15.1 and 15.10 are the same number). */
export function tryParseTaskRef(input: string | number): TaskRefResult {
  if (typeof input === 'number') {
    if (Number.isSafeInteger(input) && input >= 1) return { ok: true, ref: { taskId: input } };
    const hint =
      Number.isFinite(input) && !Number.isInteger(input)
        ? `; send subtask ids as strings, e.g. "${input}"`
        : '';
    return { ok: false, problem: `id ${String(input)}: ${EXPECTED}${hint}` };
  }
  const text = input.trim();
  const match = ID_PATTERN.exec(text);
  if (!match) {
    const hint = /^\d+\.\d+\.\d+$/.test(text) ? ' (subtasks have no subtasks of their own)' : '';
    return { ok: false, problem: `id ${JSON.stringify(input)}: ${EXPECTED}${hint}` };
  }
  const taskId = Number(match[1]);
  const subtaskId = match[2] === undefined ? undefined : Number(match[2]);
  if (
    !Number.isSafeInteger(taskId) ||
    taskId < 1 ||
    (subtaskId !== undefined && (!Number.isSafeInteger(subtaskId) || subtaskId < 1))
  ) {
    return { ok: false, problem: `id ${JSON.stringify(input)}: ids start at 1; ${EXPECTED}` };
  }
  return { ok: true, ref: subtaskId === undefined ? { taskId } : { taskId, subtaskId } };
}

/** Parses one id, throwing `TaskInputError` that says what was wrong and what to send instead. */
export function parseTaskRef(input: string | number): TaskRef {
  const result = tryParseTaskRef(input);
  if (!result.ok) throw new TaskInputError([{ path: '', message: result.problem }]);
  return result.ref;
}

/** Parses a comma-separated list ("15,16", "15, 15.2"); reports every bad item at once; drops repeats. */
export function parseTaskRefs(input: string | number | readonly (string | number)[]): TaskRef[] {
  const items = typeof input === 'string' ? input.split(',') : typeof input === 'number' ? [input] : input;
  const refs: TaskRef[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'string' && item.trim() === '') {
      problems.push(`item ${index + 1} is empty`);
      return;
    }
    const result = tryParseTaskRef(item);
    if (!result.ok) {
      problems.push(result.problem);
      return;
    }
    const key = formatTaskRef(result.ref);
    if (!seen.has(key)) {
      seen.add(key);
      refs.push(result.ref);
    }
  });
  if (problems.length > 0 || refs.length === 0) {
    const what = problems.length > 0 ? problems.join('; ') : 'no ids given';
    throw new TaskInputError([
      {
        path: '',
        message: `ids ${JSON.stringify(input)}: ${what}; send one id or comma-separated ids like "15, 15.2"`,
      },
    ]);
  }
  return refs;
}

/** `"15"` or `"15.2"`. */
export function formatTaskRef(ref: TaskRef): string {
  return ref.subtaskId === undefined ? String(ref.taskId) : `${ref.taskId}.${ref.subtaskId}`;
}

/** `"15, 15.2"`. */
export function formatTaskRefs(refs: readonly TaskRef[]): string {
  return refs.map(formatTaskRef).join(', ');
}
