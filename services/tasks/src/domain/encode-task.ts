// Turns a model task (or subtask) back into its tasks.json object, in Task Master's field order, unknown fields last.
import { setOwn } from './json-object.js';
import type { Subtask, Task, WorkItemFields } from './task-model.js';

/** Task Master writes these first, in this order (see its parse-prd output). */
const LEADING_FIELDS = [
  'title',
  'description',
  'status',
  'priority',
  'dependencies',
  'details',
  'testStrategy',
] as const;
const TRAILING_FIELDS = [
  'complexity',
  'recommendedSubtasks',
  'expansionPrompt',
  'acceptanceCriteria',
  'relevantFiles',
  'assignee',
  'createdAt',
  'updatedAt',
  'metadata',
] as const;

export function encodeTask(task: Task): Record<string, unknown> {
  const out = encodeItem(task, (o) => {
    if (task.subtasks !== undefined) setOwn(o, 'subtasks', task.subtasks.map(encodeSubtask));
  });
  return out;
}

export function encodeSubtask(subtask: Subtask): Record<string, unknown> {
  return encodeItem(subtask, () => {});
}

function encodeItem(
  item: WorkItemFields & { id: number; status?: string },
  addSubtasks: (out: Record<string, unknown>) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  setOwn(out, 'id', item.idStyle === 'string' ? String(item.id) : item.id);
  const fields = item as unknown as Record<string, unknown>;
  for (const key of LEADING_FIELDS) if (fields[key] !== undefined) setOwn(out, key, fields[key]);
  addSubtasks(out);
  for (const key of TRAILING_FIELDS) if (fields[key] !== undefined) setOwn(out, key, fields[key]);
  if (item.extra) {
    for (const key of Object.keys(item.extra)) {
      if (!Object.hasOwn(out, key)) setOwn(out, key, item.extra[key]);
    }
  }
  return out;
}
