// Contract of the `tasks` service: a Task Master–compatible backlog per workspace (tags, tasks, subtasks).
import * as v from 'valibot';
import { defineToolContract } from '../tool-contract.js';

export const TASKS_SERVICE = 'tasks';

export const TASK_STATUS_VALUES = [
  'pending',
  'in-progress',
  'done',
  'review',
  'deferred',
  'cancelled',
  'blocked',
] as const;
export const TASK_PRIORITY_VALUES = ['critical', 'high', 'medium', 'low'] as const;

/** Field limits: a backlog is read by agents, so no field may swallow a context window. */
export const TASK_LIMITS = {
  title: 200,
  description: 2_000,
  details: 20_000,
  testStrategy: 5_000,
  batch: 200,
  subtasks: 100,
  dependencies: 100,
  metadataBytes: 16_384,
} as const;

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const TagName = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"'),
  v.description('Tag (default: the current tag, "master" at first)'),
);
const Ids = v.pipe(
  v.string(),
  v.regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be ids like "15", "15.2" or "15,16"'),
  v.description('"15", "15.2" (subtask) or "15,16"'),
);
const Dependency = v.pipe(
  v.string(),
  v.regex(/^(\d+(\.\d+)?|[A-Za-z][\w-]{0,31})$/, 'must be "3", "3.1" or a key'),
);
const Status = v.picklist(TASK_STATUS_VALUES);
const Priority = v.picklist(TASK_PRIORITY_VALUES);
const Metadata = v.record(v.string(), v.unknown());

const NewSubtask = v.strictObject({
  title: Text(TASK_LIMITS.title),
  description: v.optional(Text(TASK_LIMITS.description)),
  details: v.optional(Text(TASK_LIMITS.details)),
  status: v.optional(Status),
  dependencies: v.optional(v.pipe(v.array(Dependency), v.maxLength(TASK_LIMITS.dependencies))),
});

const NewTask = v.strictObject({
  key: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z][\w-]{0,31}$/),
      v.description('Name other new tasks of this call use in dependencies'),
    ),
  ),
  title: Text(TASK_LIMITS.title),
  description: v.optional(Text(TASK_LIMITS.description)),
  details: v.optional(Text(TASK_LIMITS.details)),
  testStrategy: v.optional(Text(TASK_LIMITS.testStrategy)),
  status: v.optional(Status),
  priority: v.optional(Priority),
  dependencies: v.optional(v.pipe(v.array(Dependency), v.maxLength(TASK_LIMITS.dependencies))),
  subtasks: v.optional(v.pipe(v.array(NewSubtask), v.maxLength(TASK_LIMITS.subtasks))),
  metadata: v.optional(Metadata),
});

/** A task as tools return it: the Task Master fields plus `version` for conflict checks. */
const TaskView = v.record(v.string(), v.unknown());

export const taskCreate = defineToolContract({
  name: 'task_create',
  service: TASKS_SERVICE,
  title: 'Create tasks',
  description:
    'Adds tasks (with subtasks and dependencies) to the backlog; ids are assigned in order. Dependencies name existing ids or the `key` of another new task.',
  input: v.strictObject({
    tasks: v.pipe(v.array(NewTask), v.minLength(1), v.maxLength(TASK_LIMITS.batch)),
    tag: v.optional(TagName),
  }),
  output: v.looseObject({ created: v.array(v.string()) }),
  scope: 'write',
});

export const taskUpdate = defineToolContract({
  name: 'task_update',
  service: TASKS_SERVICE,
  title: 'Update tasks',
  description:
    'Changes fields or status of tasks or subtasks, adds subtasks, or removes. Pass expectedVersion (from task_get) to fail with conflict instead of overwriting a change you have not seen.',
  input: v.strictObject({
    id: Ids,
    tag: v.optional(TagName),
    expectedVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    status: v.optional(Status),
    title: v.optional(Text(TASK_LIMITS.title)),
    description: v.optional(Text(TASK_LIMITS.description)),
    details: v.optional(Text(TASK_LIMITS.details)),
    appendDetails: v.optional(Text(TASK_LIMITS.details)),
    testStrategy: v.optional(Text(TASK_LIMITS.testStrategy)),
    priority: v.optional(Priority),
    dependencies: v.optional(v.pipe(v.array(Dependency), v.maxLength(TASK_LIMITS.dependencies))),
    metadata: v.optional(Metadata),
    addSubtasks: v.optional(v.pipe(v.array(NewSubtask), v.maxLength(TASK_LIMITS.subtasks))),
    remove: v.optional(v.picklist(['refuse_if_depended_on', 'drop_dependencies'])),
  }),
  output: v.looseObject({ updated: v.array(TaskView), notes: v.array(v.string()) }),
  scope: 'write',
});

export const taskGet = defineToolContract({
  name: 'task_get',
  service: TASKS_SERVICE,
  title: 'Get tasks',
  description: 'Full tasks or subtasks with their version.',
  input: v.strictObject({ id: Ids, tag: v.optional(TagName) }),
  output: v.looseObject({ tasks: v.array(TaskView) }),
  scope: 'read',
});

export const taskList = defineToolContract({
  name: 'task_list',
  service: TASKS_SERVICE,
  title: 'List tasks',
  description: 'Compact task rows, by id, a page at a time; pass the returned cursor for the next page.',
  input: v.strictObject({
    tag: v.optional(TagName),
    status: v.optional(v.pipe(v.array(Status), v.maxLength(7))),
    text: v.optional(v.pipe(Text(200), v.description('Words in title, description or details'))),
    ready: v.optional(v.pipe(v.boolean(), v.description('Only tasks whose dependencies are done'))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 50),
    cursor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    full: v.optional(v.boolean()),
  }),
  output: v.looseObject({ tasks: v.array(TaskView) }),
  scope: 'read',
});

export const taskNextAction = defineToolContract({
  name: 'task_next_action',
  service: TASKS_SERVICE,
  title: 'Next task',
  description:
    "The next task or subtask to work on, by Task Master's rules, with a one-line reason; null when nothing is ready.",
  input: v.strictObject({ tag: v.optional(TagName) }),
  output: v.looseObject({ reason: v.string() }),
  scope: 'read',
});

export const taskSummary = defineToolContract({
  name: 'task_summary',
  service: TASKS_SERVICE,
  title: 'Backlog summary',
  description:
    'Progress digest within your token budget: counts, in progress, ready, blocked and by what, recent changes.',
  input: v.strictObject({
    tag: v.optional(TagName),
    tokenBudget: v.optional(v.pipe(v.number(), v.integer(), v.minValue(50), v.maxValue(20_000)), 800),
  }),
  output: v.looseObject({ summary: v.string() }),
  scope: 'read',
});

export const taskDepGraph = defineToolContract({
  name: 'task_dep_graph',
  service: TASKS_SERVICE,
  title: 'Dependency graph',
  description:
    'Dependency problems and shape of a tag: missing dependencies, a cycle, blocked chains, the critical path; Mermaid with format "mermaid".',
  input: v.strictObject({
    tag: v.optional(TagName),
    format: v.optional(v.picklist(['json', 'mermaid']), 'json'),
    includeSubtasks: v.optional(v.boolean()),
  }),
  output: v.looseObject({ criticalPath: v.array(v.string()) }),
  scope: 'read',
});

export const taskImport = defineToolContract({
  name: 'task_import',
  service: TASKS_SERVICE,
  title: 'Import tasks.json',
  description:
    'Imports a Task Master .taskmaster/tasks/tasks.json (tagged, or legacy {"tasks": [...]}) in one transaction; each tag in the file replaces the tag of that name.',
  input: v.strictObject({
    tasksJson: v.pipe(v.string(), v.minLength(2), v.description('The file text')),
    onlyTag: v.optional(TagName),
  }),
  output: v.looseObject({ tags: v.array(v.looseObject({ tag: v.string(), tasks: v.number() })) }),
  scope: 'write',
  timeoutMs: 30_000,
});

export const taskExport = defineToolContract({
  name: 'task_export',
  service: TASKS_SERVICE,
  title: 'Export tasks.json',
  description:
    'The backlog as Task Master tasks.json text (tagged), all tags or one, with every field kept from import.',
  input: v.strictObject({ tag: v.optional(TagName) }),
  output: v.looseObject({ tasksJson: v.string() }),
  scope: 'read',
  timeoutMs: 30_000,
});

export const taskLink = defineToolContract({
  name: 'task_link',
  service: TASKS_SERVICE,
  title: 'Link work to a task',
  description:
    'Records what was done for a task: run id, branch, commit, PR, CI status and URL (kept in metadata.longhaul.links).',
  input: v.strictObject({
    id: Ids,
    tag: v.optional(TagName),
    runId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/))),
    branch: v.optional(Text(200)),
    commit: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{7,64}$/, 'must be a git commit hash'))),
    pr: v.optional(Text(500)),
    ci: v.optional(
      v.strictObject({
        status: v.picklist(['pending', 'running', 'passed', 'failed']),
        url: v.optional(Text(1_000)),
      }),
    ),
  }),
  output: v.looseObject({ updated: v.array(TaskView) }),
  scope: 'write',
});

export const taskTags = defineToolContract({
  name: 'task_tags',
  service: TASKS_SERVICE,
  title: 'Manage tags',
  description:
    'Tags of the backlog: list (default), add, rename, copy, delete, or use (make current for tools called without a tag).',
  input: v.strictObject({
    action: v.optional(v.picklist(['list', 'add', 'rename', 'copy', 'delete', 'use']), 'list'),
    tag: v.optional(TagName),
    to: v.optional(TagName),
    description: v.optional(Text(500)),
  }),
  output: v.looseObject({
    current: v.string(),
    tags: v.array(v.looseObject({ tag: v.string(), tasks: v.number() })),
  }),
  scope: 'write',
});

/** The tools an agent uses every session; their schemas are kept small (npm run bench:tasks measures them). */
export const EVERYDAY_TASK_TOOLS = [
  taskCreate,
  taskUpdate,
  taskGet,
  taskList,
  taskNextAction,
  taskSummary,
] as const;

export const TASKS_TOOLS = [
  ...EVERYDAY_TASK_TOOLS,
  taskDepGraph,
  taskImport,
  taskExport,
  taskLink,
  taskTags,
] as const;
