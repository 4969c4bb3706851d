// Reads status and priority values, and says what to send instead when one is wrong ("complete" → "done").

import { preview } from './json-object.js';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from './task-model.js';

export type FieldValueResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Words agents and other tools use for Task Master statuses. */
const STATUS_ALIASES: Readonly<Record<string, TaskStatus>> = {
  completed: 'done',
  complete: 'done',
  finished: 'done',
  closed: 'done',
  todo: 'pending',
  open: 'pending',
  new: 'pending',
  in_progress: 'in-progress',
  inprogress: 'in-progress',
  started: 'in-progress',
  doing: 'in-progress',
  wip: 'in-progress',
  active: 'in-progress',
  canceled: 'cancelled',
  postponed: 'deferred',
  'on-hold': 'deferred',
  in_review: 'review',
  'in-review': 'review',
};

const PRIORITY_ALIASES: Readonly<Record<string, TaskPriority>> = {
  urgent: 'critical',
  highest: 'critical',
  p0: 'critical',
  p1: 'high',
  normal: 'medium',
  p2: 'medium',
  p3: 'low',
  lowest: 'low',
};

export function readTaskStatus(value: unknown): FieldValueResult<TaskStatus> {
  if ((TASK_STATUSES as readonly unknown[]).includes(value)) return { ok: true, value: value as TaskStatus };
  return {
    ok: false,
    problem: badValue('status', value, TASK_STATUSES, suggest(value, TASK_STATUSES, STATUS_ALIASES)),
  };
}

export function readTaskPriority(value: unknown): FieldValueResult<TaskPriority> {
  if ((TASK_PRIORITIES as readonly unknown[]).includes(value))
    return { ok: true, value: value as TaskPriority };
  const hint = suggest(value, TASK_PRIORITIES, PRIORITY_ALIASES);
  return { ok: false, problem: badValue('priority', value, TASK_PRIORITIES, hint) };
}

function suggest<T extends string>(
  value: unknown,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>>,
): T | undefined {
  if (typeof value !== 'string') return undefined;
  const normal = value.trim().toLowerCase().replace(/\s+/g, '-');
  if ((allowed as readonly string[]).includes(normal)) return normal as T;
  return aliases[normal] ?? aliases[normal.replace(/-/g, '_')];
}

function badValue(
  field: string,
  value: unknown,
  allowed: readonly string[],
  hint: string | undefined,
): string {
  const mean = hint ? `; did you mean "${hint}"?` : '';
  return `${field} ${preview(value)} is not allowed: send one of ${allowed.map((s) => `"${s}"`).join(', ')}${mean}`;
}
