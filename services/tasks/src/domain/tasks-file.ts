// Reads and writes Task Master's `.taskmaster/tasks/tasks.json` (tagged or legacy), keeping every unknown field.
import { decodeTask } from './decode-task.js';
import { encodeTask } from './encode-task.js';
import { isJsonObject, preview, setOwn } from './json-object.js';
import { findJsonSyntaxProblem } from './json-syntax-error.js';
import { childPath, ProblemList } from './problem-list.js';
import { TaskInputError } from './task-input-error.js';
import { type Backlog, DEFAULT_TAG, type TagData, type Task } from './task-model.js';

/** Task Master writes tasks.json with `JSON.stringify(data, null, 2)`. */
export const TASKS_FILE_INDENT = 2;

export interface SerializeOptions {
  /** `tagged` (default) always writes `{ "<tag>": {...} }`, as Task Master does after migrating; `as-read` keeps a legacy file legacy. */
  format?: 'tagged' | 'as-read';
}

const EMPTY_FILE_HINT = 'send {"master": {"tasks": []}} for an empty backlog';

/**
 * Parses tasks.json text. Throws `TaskInputError` listing up to 20 problems, each with a path such as
 * `tags.master.tasks[3].status` (or `tasks[3].status` for a legacy file); JSON syntax errors give line and column.
 */
export function parseTasksFile(text: string): Backlog {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '')
    throw new TaskInputError([{ path: '$', message: `the file is empty; ${EMPTY_FILE_HINT}` }]);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const problem = findJsonSyntaxProblem(source);
    const message = problem
      ? `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.expected} (near ${JSON.stringify(problem.near)})`
      : `invalid JSON: ${(error as Error).message}`;
    throw new TaskInputError([{ path: '$', message }]);
  }
  return decodeBacklog(data);
}

/** Validates an already-parsed tasks.json value (for example one stored as JSON elsewhere). */
export function decodeBacklog(data: unknown): Backlog {
  const problems = new ProblemList();
  if (!isJsonObject(data)) {
    problems.add(
      '$',
      `expected a JSON object: {"master": {"tasks": [...]}} (tagged) or {"tasks": [...]} (legacy), got ${preview(data)}`,
    );
    problems.throwIfAny();
  }
  const file = data as Record<string, unknown>;
  const tags = new Map<string, TagData>();
  let backlog: Backlog;
  if (Object.hasOwn(file, 'tasks')) {
    tags.set(DEFAULT_TAG, decodeTag(file, '', problems));
    backlog = { format: 'legacy', tags };
  } else {
    const extra: Record<string, unknown> = {};
    for (const key of Object.keys(file)) {
      const value = file[key];
      if (isJsonObject(value) && Object.hasOwn(value, 'tasks'))
        tags.set(key, decodeTag(value, childPath('tags', key), problems));
      else setOwn(extra, key, value);
    }
    if (tags.size === 0 && Object.keys(file).length > 0) {
      const keys = Object.keys(file)
        .slice(0, 5)
        .map((k) => JSON.stringify(k))
        .join(', ');
      problems.add(
        '$',
        `no tag found (keys: ${keys}): each tag must be an object with a "tasks" array, e.g. {"master": {"tasks": []}}`,
      );
    }
    backlog = { format: 'tagged', tags };
    if (Object.keys(extra).length > 0) backlog.extra = extra;
  }
  problems.throwIfAny();
  return backlog;
}

/** Writes the backlog as tasks.json text (2-space indent, no trailing newline, like Task Master). */
export function serializeTasksFile(backlog: Backlog, options: SerializeOptions = {}): string {
  const only = backlog.tags.get(DEFAULT_TAG);
  const keepLegacy =
    options.format === 'as-read' && backlog.format === 'legacy' && backlog.tags.size === 1 && only;
  const out: Record<string, unknown> = keepLegacy ? encodeTag(only) : {};
  if (!keepLegacy) for (const [name, tag] of backlog.tags) setOwn(out, name, encodeTag(tag));
  for (const key of Object.keys(backlog.extra ?? {})) {
    if (!Object.hasOwn(out, key)) setOwn(out, key, backlog.extra![key]);
  }
  return JSON.stringify(out, null, TASKS_FILE_INDENT);
}

function decodeTag(raw: Record<string, unknown>, path: string, problems: ProblemList): TagData {
  const tag: TagData = { tasks: [] };
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    const at = childPath(path, key);
    if (key === 'tasks') {
      if (Array.isArray(value)) tag.tasks = decodeTasks(value, at, problems);
      else problems.add(at, `expected an array of task objects (may be empty: []), got ${preview(value)}`);
    } else if (key === 'metadata') {
      if (isJsonObject(value)) tag.metadata = value;
      else
        problems.add(
          at,
          `expected an object like {"created": "2025-01-01T00:00:00.000Z", "description": "…"}, got ${preview(value)}`,
        );
    } else setOwn(extra, key, value);
  }
  if (Object.keys(extra).length > 0) tag.extra = extra;
  return tag;
}

function decodeTasks(raw: unknown[], path: string, problems: ProblemList): Task[] {
  const tasks: Task[] = [];
  const paths: string[] = [];
  raw.forEach((rawTask, index) => {
    const task = decodeTask(rawTask, childPath(path, index), problems);
    if (task) {
      tasks.push(task);
      paths.push(childPath(path, index));
    }
  });
  const nextFree = tasks.reduce((max, t) => Math.max(max, t.id), 0) + 1;
  const firstAt = new Map<number, string>();
  tasks.forEach((task, i) => {
    if (task.id < 1) return;
    const earlier = firstAt.get(task.id);
    if (earlier === undefined) firstAt.set(task.id, paths[i]!);
    else
      problems.add(
        childPath(paths[i]!, 'id'),
        `task id ${task.id} is used twice (also at ${earlier}); give this task an unused id such as ${nextFree}`,
      );
  });
  return tasks;
}

function encodeTag(tag: TagData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  setOwn(out, 'tasks', tag.tasks.map(encodeTask));
  if (tag.metadata !== undefined) setOwn(out, 'metadata', tag.metadata);
  for (const key of Object.keys(tag.extra ?? {})) {
    if (!Object.hasOwn(out, key)) setOwn(out, key, tag.extra![key]);
  }
  return out;
}
