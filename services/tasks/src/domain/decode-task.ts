// Turns one raw task (or subtask) object from tasks.json into the model, recording every problem with its path.
import { isDependencyValue } from './dependency-keys.js';
import { readTaskPriority, readTaskStatus } from './field-values.js';
import { isJsonObject, preview, setOwn } from './json-object.js';
import { childPath, type ProblemList } from './problem-list.js';
import type { DependencyValue, Subtask, Task, WorkItemFields } from './task-model.js';

/** Optional fields kept typed only when they have the expected type; otherwise they stay verbatim in `extra`. */
const LOOSE_FIELDS = new Map<string, (value: unknown) => boolean>(
  Object.entries({
    complexity: (v) => typeof v === 'number' || typeof v === 'string',
    recommendedSubtasks: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
    expansionPrompt: (v) => typeof v === 'string',
    acceptanceCriteria: (v) =>
      typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')),
    relevantFiles: (v) => Array.isArray(v),
    assignee: (v) => typeof v === 'string',
    createdAt: (v) => typeof v === 'string',
    updatedAt: (v) => typeof v === 'string',
    metadata: isJsonObject,
  }),
);

const TEXT_FIELDS = new Set(['description', 'details', 'testStrategy']);

/** Reads a top-level task; returns null when `raw` is not an object at all. */
export function decodeTask(raw: unknown, path: string, problems: ProblemList): Task | null {
  if (!isJsonObject(raw)) {
    problems.add(
      path,
      `expected a task object like {"id": 1, "title": "…", "status": "pending"}, got ${preview(raw)}`,
    );
    return null;
  }
  const task = decodeItem(raw, path, problems, 'task') as Task;
  if (!Object.hasOwn(raw, 'status'))
    problems.add(childPath(path, 'status'), 'missing "status": send "pending" for a new task');
  if (Object.hasOwn(raw, 'subtasks')) {
    const subtasksPath = childPath(path, 'subtasks');
    if (!Array.isArray(raw.subtasks)) {
      problems.add(
        subtasksPath,
        `expected an array of subtasks (may be empty: []), got ${preview(raw.subtasks)}`,
      );
    } else {
      const subtasks: Subtask[] = [];
      const firstAt = new Map<number, number>();
      raw.subtasks.forEach((rawSubtask, index) => {
        const itemPath = childPath(subtasksPath, index);
        const subtask = decodeSubtask(rawSubtask, itemPath, problems);
        if (!subtask) return;
        const earlier = firstAt.get(subtask.id);
        if (earlier !== undefined && subtask.id > 0) {
          problems.add(
            childPath(itemPath, 'id'),
            `subtask id ${subtask.id} is used twice in task ${task.id} (also at subtasks[${earlier}]); give each subtask its own number`,
          );
        } else firstAt.set(subtask.id, index);
        subtasks.push(subtask);
      });
      task.subtasks = subtasks;
    }
  }
  return task;
}

/** Reads one subtask; returns null when `raw` is not an object at all. */
export function decodeSubtask(raw: unknown, path: string, problems: ProblemList): Subtask | null {
  if (!isJsonObject(raw)) {
    problems.add(
      path,
      `expected a subtask object like {"id": 1, "title": "…", "status": "pending"}, got ${preview(raw)}`,
    );
    return null;
  }
  return decodeItem(raw, path, problems, 'subtask') as Subtask;
}

function decodeItem(
  raw: Record<string, unknown>,
  path: string,
  problems: ProblemList,
  kind: 'task' | 'subtask',
): Partial<Task & Subtask> {
  const item: Partial<Task & Subtask> & WorkItemFields = { id: 0, title: '' };
  const fields = item as unknown as Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  let hasExtra = false;
  const keep = (key: string, value: unknown): void => {
    setOwn(extra, key, value);
    hasExtra = true;
  };
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    const at = childPath(path, key);
    if (key === 'id') {
      const id = readId(value);
      if (id === null)
        problems.add(at, `${kind} id ${preview(value)}: expected a whole number from 1 up, like 7`);
      else {
        item.id = id;
        if (typeof value === 'string') item.idStyle = 'string';
      }
    } else if (key === 'title') {
      if (typeof value === 'string') item.title = value;
      else problems.add(at, `expected the title as a string, got ${preview(value)}`);
    } else if (key === 'status') {
      const status = readTaskStatus(value);
      if (status.ok) item.status = status.value;
      else problems.add(at, status.problem);
    } else if (key === 'priority') {
      const priority = readTaskPriority(value);
      if (priority.ok) item.priority = priority.value;
      else problems.add(at, priority.problem);
    } else if (key === 'dependencies') {
      const dependencies = readDependencies(value, at, problems, kind);
      if (dependencies) item.dependencies = dependencies;
    } else if (TEXT_FIELDS.has(key)) {
      if (typeof value === 'string') fields[key] = value;
      else problems.add(at, `expected ${key} as a string (may be empty: ""), got ${preview(value)}`);
    } else if (key === 'subtasks' && kind === 'task') {
      // read by decodeTask
    } else if (LOOSE_FIELDS.get(key)?.(value)) {
      fields[key] = value;
    } else keep(key, value);
  }
  if (!Object.hasOwn(raw, 'id'))
    problems.add(childPath(path, 'id'), `missing "id": give the ${kind} a whole-number id not used yet`);
  if (!Object.hasOwn(raw, 'title'))
    problems.add(childPath(path, 'title'), 'missing "title": send a short title string');
  if (hasExtra) item.extra = extra;
  return item;
}

function readId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 1 ? value : null;
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) {
    const id = Number(value);
    return Number.isSafeInteger(id) ? id : null;
  }
  return null;
}

function readDependencies(
  value: unknown,
  path: string,
  problems: ProblemList,
  kind: 'task' | 'subtask',
): DependencyValue[] | null {
  const example =
    kind === 'task'
      ? 'a task id like 3 or a subtask id like "3.1"'
      : 'a sibling subtask number like 2 or a subtask id like "3.1"';
  if (!Array.isArray(value)) {
    problems.add(path, `expected an array of ids, each ${example} (may be empty: []), got ${preview(value)}`);
    return null;
  }
  let ok = true;
  value.forEach((dependency, index) => {
    if (!isDependencyValue(dependency)) {
      ok = false;
      problems.add(childPath(path, index), `expected ${example}, got ${preview(dependency)}`);
    }
  });
  return ok ? [...(value as DependencyValue[])] : null;
}
