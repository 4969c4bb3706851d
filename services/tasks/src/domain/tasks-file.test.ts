// Round trips and validation messages for tasks.json in tagged and legacy form.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { mulberry32, pick, randomInt, randomRawTasks } from './random-task-graph.js';
import { TaskInputError } from './task-input-error.js';
import { TASK_PRIORITIES, TASK_STATUSES } from './task-model.js';
import { decodeBacklog, parseTasksFile, serializeTasksFile } from './tasks-file.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const canonical = (text: string): string => canonicalJson(JSON.parse(text));

function problemsOf(text: string): TaskInputError {
  try {
    parseTasksFile(text);
  } catch (error) {
    if (error instanceof TaskInputError) return error;
    throw error;
  }
  throw new Error('expected a TaskInputError');
}

describe('parseTasksFile / serializeTasksFile round trip', () => {
  it('writes the tagged fixture back equal after canonical key ordering', () => {
    const text = fixture('tagged-tasks.json');
    const backlog = parseTasksFile(text);
    expect(backlog.format).toBe('tagged');
    expect([...backlog.tags.keys()]).toEqual(['master', 'feature-auth', 'empty-tag']);
    expect(canonical(serializeTasksFile(backlog))).toBe(canonical(text));
  });

  it('covers every status and priority in the fixture', () => {
    const tasks = parseTasksFile(fixture('tagged-tasks.json')).tags.get('master')!.tasks;
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(TASK_STATUSES));
    const priorities = new Set([...tasks, ...tasks.flatMap((t) => t.subtasks ?? [])].map((t) => t.priority));
    for (const p of TASK_PRIORITIES) expect(priorities).toContain(p);
  });

  it('keeps value types: string ids, string dependencies, missing optional fields', () => {
    const text = fixture('tagged-tasks.json');
    const master = parseTasksFile(text).tags.get('master')!;
    const task7 = master.tasks.find((t) => t.id === 7)!;
    expect(task7).toMatchObject({
      idStyle: 'string',
      dependencies: ['3', '99'],
      extra: { tags: ['sync'], effort: 3 },
    });
    const written = JSON.parse(serializeTasksFile(parseTasksFile(text)));
    expect(written.master.tasks[6].id).toBe('7');
    expect(written.master.tasks[1].subtasks[3]).toEqual({
      id: 4,
      title: 'Document the decision',
      dependencies: [],
      parentId: '2',
    });
    expect(written.master.tasks[4]).not.toHaveProperty('priority');
  });

  it('keeps unknown fields at every level, including awkward keys like "__proto__"', () => {
    const backlog = parseTasksFile(fixture('tagged-tasks.json'));
    expect(backlog.extra).toEqual({ $comment: 'Unknown top-level fields survive a round trip.' });
    expect(backlog.tags.get('feature-auth')!.extra).toEqual({ branch: 'feature/auth' });
    const task3 = backlog.tags.get('master')!.tasks[2]!;
    expect(Object.getOwnPropertyDescriptor(task3.extra, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const written = serializeTasksFile(backlog);
    expect(written).toContain('"__proto__": {');
    expect(written).toContain('"reviewNotes": [');
  });

  it('writes a legacy file as the tagged form by default, or as read', () => {
    const text = fixture('legacy-tasks.json');
    const backlog = parseTasksFile(text);
    expect(backlog.format).toBe('legacy');
    expect([...backlog.tags.keys()]).toEqual(['master']);
    expect(canonical(serializeTasksFile(backlog, { format: 'as-read' }))).toBe(canonical(text));
    const tagged = JSON.parse(serializeTasksFile(backlog));
    expect(Object.keys(tagged)).toEqual(['master']);
    expect(canonicalJson(tagged.master)).toBe(canonical(text));
  });

  it('formats like Task Master: 2-space indent, tags in order', () => {
    const text = '{"b":{"tasks":[]},"a":{"tasks":[{"id":1,"title":"x","status":"pending"}]}}';
    expect(serializeTasksFile(parseTasksFile(text))).toBe(
      '{\n  "b": {\n    "tasks": []\n  },\n  "a": {\n    "tasks": [\n      {\n        "id": 1,\n        "title": "x",\n        "status": "pending"\n      }\n    ]\n  }\n}',
    );
  });

  it('round-trips 200 random backlogs with unknown fields sprinkled at every level', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const sprinkle = (object: Record<string, unknown>): void => {
        if (random() < 0.4)
          object[pick(random, ['x-note', 'parentId', 'tags', '__weird key', 'toString'])] = pick(random, [
            1,
            'a',
            null,
            [true],
            { n: 2 },
          ]);
      };
      const file: Record<string, unknown> = {};
      for (let t = 0; t < randomInt(random, 1, 3); t++) {
        const tasks = randomRawTasks(random, {
          tasks: randomInt(random, 0, 8),
          maxSubtasks: 3,
          maxDependencies: 3,
          doneBias: 0.3,
        });
        for (const task of tasks) {
          sprinkle(task);
          for (const subtask of (task.subtasks as Record<string, unknown>[] | undefined) ?? [])
            sprinkle(subtask);
        }
        const tag: Record<string, unknown> = { tasks };
        if (random() < 0.5) tag.metadata = { created: '2025-01-01T00:00:00.000Z', custom: seed };
        sprinkle(tag);
        file[`tag-${t}`] = tag;
      }
      const text = JSON.stringify(file);
      expect(canonical(serializeTasksFile(parseTasksFile(text))), `seed ${seed}`).toBe(canonical(text));
    }
  });

  it('accepts a byte order mark and an empty object', () => {
    expect(parseTasksFile('\uFEFF{"master":{"tasks":[]}}').tags.size).toBe(1);
    expect(parseTasksFile('{}')).toEqual({ format: 'tagged', tags: new Map() });
  });
});

describe('parseTasksFile validation', () => {
  it('reports JSON syntax errors with line and column', () => {
    const error = problemsOf('{\n  "master": {\n    "tasks": [1,]\n  }\n}');
    expect(error.message).toBe(
      `$: invalid JSON at line 3, column 17: expected a value before ']' (remove the trailing comma) (near "ter\\": { \\"tasks\\": [1,] } }")`,
    );
  });

  it('rejects an empty file and says what to send', () => {
    expect(problemsOf('  ').message).toBe(
      '$: the file is empty; send {"master": {"tasks": []}} for an empty backlog',
    );
  });

  it('collects many problems with paths, not just the first', () => {
    const text = JSON.stringify({
      master: {
        tasks: [
          { id: 1, title: 'ok', status: 'pending' },
          { id: 'x1', title: 2, status: 'complete', priority: 'High', dependencies: [1, 'abc', '03'] },
          {
            id: 1,
            title: 'dup',
            status: 'done',
            subtasks: [
              { id: 1, title: 's' },
              { id: 1, title: 't', status: 'nope' },
            ],
          },
          'not a task',
          { title: 'no id' },
        ],
        metadata: 'bad',
      },
      'my tag': { tasks: {} },
    });
    const error = problemsOf(text);
    expect(error.problems).toEqual([
      { path: 'tags.master.tasks[1].id', message: 'task id "x1": expected a whole number from 1 up, like 7' },
      { path: 'tags.master.tasks[1].title', message: 'expected the title as a string, got 2' },
      {
        path: 'tags.master.tasks[1].status',
        message:
          'status "complete" is not allowed: send one of "pending", "in-progress", "done", "review", "deferred", "cancelled", "blocked"; did you mean "done"?',
      },
      {
        path: 'tags.master.tasks[1].priority',
        message:
          'priority "High" is not allowed: send one of "critical", "high", "medium", "low"; did you mean "high"?',
      },
      {
        path: 'tags.master.tasks[1].dependencies[1]',
        message: 'expected a task id like 3 or a subtask id like "3.1", got "abc"',
      },
      {
        path: 'tags.master.tasks[1].dependencies[2]',
        message: 'expected a task id like 3 or a subtask id like "3.1", got "03"',
      },
      {
        path: 'tags.master.tasks[2].subtasks[1].status',
        message:
          'status "nope" is not allowed: send one of "pending", "in-progress", "done", "review", "deferred", "cancelled", "blocked"',
      },
      {
        path: 'tags.master.tasks[2].subtasks[1].id',
        message:
          'subtask id 1 is used twice in task 1 (also at subtasks[0]); give each subtask its own number',
      },
      {
        path: 'tags.master.tasks[3]',
        message: 'expected a task object like {"id": 1, "title": "…", "status": "pending"}, got "not a task"',
      },
      {
        path: 'tags.master.tasks[4].id',
        message: 'missing "id": give the task a whole-number id not used yet',
      },
      { path: 'tags.master.tasks[4].status', message: 'missing "status": send "pending" for a new task' },
      {
        path: 'tags.master.tasks[2].id',
        message:
          'task id 1 is used twice (also at tags.master.tasks[0]); give this task an unused id such as 2',
      },
      {
        path: 'tags.master.metadata',
        message:
          'expected an object like {"created": "2025-01-01T00:00:00.000Z", "description": "…"}, got "bad"',
      },
      {
        path: 'tags["my tag"].tasks',
        message: 'expected an array of task objects (may be empty: []), got {}',
      },
    ]);
    expect(error.message.split('\n')[0]).toBe('14 problems:');
  });

  it('stops listing after 20 problems and says how many more', () => {
    const tasks = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, title: 't', status: 'bogus' }));
    const error = problemsOf(JSON.stringify({ tasks }));
    expect(error.problems).toHaveLength(20);
    expect(error.problems[0]!.path).toBe('tasks[0].status');
    expect(error.omitted).toBe(10);
    expect(error.message).toMatch(/^30 problems:\n/);
    expect(error.message).toMatch(/… and 10 more problems$/);
  });

  it('rejects files that are not a tasks object', () => {
    expect(problemsOf('[]').message).toBe(
      '$: expected a JSON object: {"master": {"tasks": [...]}} (tagged) or {"tasks": [...]} (legacy), got []',
    );
    expect(problemsOf('{"master": {"task": []}}').message).toBe(
      '$: no tag found (keys: "master"): each tag must be an object with a "tasks" array, e.g. {"master": {"tasks": []}}',
    );
  });

  it('keeps optional fields of an unexpected type verbatim instead of rejecting the file', () => {
    const backlog = decodeBacklog({
      tasks: [{ id: 1, title: 't', status: 'done', complexity: null, assignee: 5 }],
    });
    const task = backlog.tags.get('master')!.tasks[0]!;
    expect(task.complexity).toBeUndefined();
    expect(task.extra).toEqual({ complexity: null, assignee: 5 });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe(
      '{\n  "a": null,\n  "b": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ]\n}',
    );
  });
});
