// An index of a tag's tasks and subtasks by key ("15", "15.2") with resolved dependencies, built once per question.
import { dependencyKey, itemKey } from './dependency-keys.js';
import {
  DEFAULT_SUBTASK_STATUS,
  DEFAULT_TASK_PRIORITY,
  type DependencyValue,
  type Subtask,
  type Task,
  type TaskPriority,
  type TaskStatus,
} from './task-model.js';

/** A resolved dependency: the key it points at (null when not a valid id) and the value as written. */
export interface ResolvedDependency {
  key: string | null;
  written: DependencyValue;
}

export interface IndexedItem {
  key: string;
  kind: 'task' | 'subtask';
  /** The task itself, or the subtask's parent. */
  task: Task;
  subtask?: Subtask;
  title: string;
  /** With Task Master's default: a subtask without a status is `pending`. */
  status: TaskStatus;
  /** With Task Master's fallbacks: subtask → parent → `medium`. */
  priority: TaskPriority;
  dependencies: ResolvedDependency[];
}

export interface TaskIndex {
  /** Tasks in file order, each followed by its subtasks. */
  items: IndexedItem[];
  byKey: Map<string, IndexedItem>;
}

/** O(tasks + subtasks + dependencies). Later duplicates of a key do not replace earlier ones. */
export function indexTasks(tasks: readonly Task[]): TaskIndex {
  const items: IndexedItem[] = [];
  const byKey = new Map<string, IndexedItem>();
  const add = (item: IndexedItem): void => {
    items.push(item);
    if (!byKey.has(item.key)) byKey.set(item.key, item);
  };
  for (const task of tasks) {
    add({
      key: itemKey(task.id),
      kind: 'task',
      task,
      title: task.title,
      status: task.status,
      priority: task.priority ?? DEFAULT_TASK_PRIORITY,
      dependencies: (task.dependencies ?? []).map((written) => ({ key: dependencyKey(written), written })),
    });
    for (const subtask of task.subtasks ?? []) {
      add({
        key: itemKey(task.id, subtask.id),
        kind: 'subtask',
        task,
        subtask,
        title: subtask.title,
        status: subtask.status ?? DEFAULT_SUBTASK_STATUS,
        priority: subtask.priority ?? task.priority ?? DEFAULT_TASK_PRIORITY,
        dependencies: (subtask.dependencies ?? []).map((written) => ({
          key: dependencyKey(written, task.id),
          written,
        })),
      });
    }
  }
  return { items, byKey };
}

/** True when the item exists and is `done` (the only status Task Master counts as finished). */
export function isDone(index: TaskIndex, key: string | null): boolean {
  return key !== null && index.byKey.get(key)?.status === 'done';
}
