// Public surface of the tasks service package: so far its Task Master–compatible domain model (pure logic).
export { blockedChains } from './domain/blocked-chains.js';
export { canonicalJson } from './domain/canonical-json.js';
export { criticalPath } from './domain/critical-path.js';
export { checkDependencyChange } from './domain/dependency-check.js';
export { findCycle, findMissingDependencies } from './domain/dependency-graph.js';
export { renderMermaid } from './domain/mermaid-graph.js';
export { findNextAction, listReadyActions } from './domain/next-action.js';
export { applyStatusChanges, parseTaskStatus, planStatusChange } from './domain/status-rules.js';
export { summarizeBacklog } from './domain/summary.js';
export { formatTaskRef, parseTaskRef, parseTaskRefs } from './domain/task-ids.js';
export { TaskInputError } from './domain/task-input-error.js';
export {
  type Backlog,
  DEFAULT_TAG,
  type Subtask,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TagData,
  type Task,
  type TaskPriority,
  type TaskStatus,
} from './domain/task-model.js';
export { decodeBacklog, parseTasksFile, serializeTasksFile } from './domain/tasks-file.js';
export { dependencyGraph, listTasks, nextAction, summarize } from './handlers/read-tasks.js';
export { exportBacklog, importBacklog } from './handlers/transfer-backlog.js';
export { planUpdate } from './handlers/update-tasks.js';
export { TASKS_MIGRATIONS, TASKS_SCHEMA, type TasksDatabase } from './migrations.js';
export { createTagStore, type TagSnapshot, type TagStore } from './tag-store.js';
