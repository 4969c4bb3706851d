// The longest chain of not-done tasks and subtasks linked by dependencies: the work that bounds finishing the tag.
import { walkDependenciesFirst } from './dependency-walk.js';
import { indexTasks, type TaskIndex } from './task-index.js';
import type { Task } from './task-model.js';

/**
 * Ids in working order, first the item to do first, e.g. `["1", "3", "7"]` (7 waits on 3, 3 on 1).
 * Done items are left out; ties go to the item earlier in the file. With a cycle, the edge closing it is ignored
 * (report cycles with `findCycle`). Empty when everything is done. O(items + dependencies).
 */
export function criticalPath(tasks: readonly Task[], index: TaskIndex = indexTasks(tasks)): string[] {
  const length = new Map<string, number>();
  const next = new Map<string, string>();
  walkDependenciesFirst(
    index,
    (item) => item.status !== 'done',
    (item, dependencies) => {
      let best = 0;
      for (const dependency of dependencies) {
        const l = length.get(dependency.key)!;
        if (l > best) {
          best = l;
          next.set(item.key, dependency.key);
        }
      }
      length.set(item.key, best + 1);
    },
  );
  let start: string | undefined;
  for (const item of index.items) {
    const l = length.get(item.key);
    if (l !== undefined && (start === undefined || l > length.get(start)!)) start = item.key;
  }
  const path: string[] = [];
  for (let key = start; key !== undefined; key = next.get(key)) path.push(key);
  return path.reverse();
}
