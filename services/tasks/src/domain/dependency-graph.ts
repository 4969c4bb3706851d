// Dependency problems in one tag: dependencies on ids that do not exist, and dependency cycles (tasks and subtasks).
import { type IndexedItem, indexTasks, type TaskIndex } from './task-index.js';
import type { DependencyValue, Task } from './task-model.js';

export interface MissingDependency {
  /** The task or subtask that has the dependency: `"12"` or `"12.3"`. */
  from: string;
  /** The id it resolves to (`"99"`, or `"12.4"` for a subtask's plain `4`), or the written value if unreadable. */
  missing: string;
  /** The value as written in the file, to find and remove it. */
  written: DependencyValue;
}

/** Every dependency that names no task or subtask in the tag, in file order. */
export function findMissingDependencies(
  tasks: readonly Task[],
  index: TaskIndex = indexTasks(tasks),
): MissingDependency[] {
  const missing: MissingDependency[] = [];
  for (const item of index.items) {
    for (const dependency of item.dependencies) {
      if (dependency.key !== null && index.byKey.has(dependency.key)) continue;
      missing.push({
        from: item.key,
        missing: dependency.key ?? String(dependency.written),
        written: dependency.written,
      });
    }
  }
  return missing;
}

/**
 * The first dependency cycle found, as ids where each waits on the next and the last repeats the first
 * (`["3", "5", "7", "3"]`: 3 waits on 5, 5 on 7, 7 on 3; a self-dependency is `["3", "3"]`), or null.
 * Iterative, O(items + dependencies).
 */
export function findCycle(tasks: readonly Task[], index: TaskIndex = indexTasks(tasks)): string[] | null {
  const state = new Map<string, 'open' | 'closed'>();
  for (const root of index.items) {
    if (state.has(root.key)) continue;
    const path: IndexedItem[] = [root];
    const nextDependency: number[] = [0];
    const position = new Map<string, number>([[root.key, 0]]);
    state.set(root.key, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const i = nextDependency[nextDependency.length - 1]!;
      if (i >= top.dependencies.length) {
        state.set(top.key, 'closed');
        position.delete(top.key);
        path.pop();
        nextDependency.pop();
        continue;
      }
      nextDependency[nextDependency.length - 1] = i + 1;
      const key = top.dependencies[i]!.key;
      const dependency = key === null ? undefined : index.byKey.get(key);
      if (!dependency) continue;
      const seen = state.get(dependency.key);
      if (seen === 'open')
        return [...path.slice(position.get(dependency.key)).map((p) => p.key), dependency.key];
      if (seen === undefined) {
        state.set(dependency.key, 'open');
        position.set(dependency.key, path.length);
        path.push(dependency);
        nextDependency.push(0);
      }
    }
  }
  return null;
}
