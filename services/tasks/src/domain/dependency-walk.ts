// Iterative depth-first walk that visits each item after its dependencies, for 10k-task graphs without recursion.
import type { IndexedItem, TaskIndex } from './task-index.js';

/**
 * Calls `visit(item, dependencies)` once per item that `follow` accepts, dependencies first. `dependencies` are the
 * item's followed, existing dependencies that were already visited; an edge that would close a cycle is skipped,
 * so the walk always ends. O(items + dependencies).
 */
export function walkDependenciesFirst(
  index: TaskIndex,
  follow: (item: IndexedItem) => boolean,
  visit: (item: IndexedItem, dependencies: IndexedItem[]) => void,
): void {
  const state = new Map<string, 'open' | 'closed'>();
  for (const root of index.items) {
    if (state.has(root.key) || !follow(root)) continue;
    state.set(root.key, 'open');
    const path: IndexedItem[] = [root];
    const nextDependency: number[] = [0];
    const visitedDependencies: IndexedItem[][] = [[]];
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const i = nextDependency[nextDependency.length - 1]!;
      if (i < top.dependencies.length) {
        nextDependency[nextDependency.length - 1] = i + 1;
        const key = top.dependencies[i]!.key;
        const dependency = key === null ? undefined : index.byKey.get(key);
        if (!dependency || !follow(dependency)) continue;
        const seen = state.get(dependency.key);
        if (seen === 'closed') visitedDependencies[visitedDependencies.length - 1]!.push(dependency);
        else if (seen === undefined) {
          state.set(dependency.key, 'open');
          path.push(dependency);
          nextDependency.push(0);
          visitedDependencies.push([]);
        }
        continue;
      }
      path.pop();
      nextDependency.pop();
      const dependencies = visitedDependencies.pop()!;
      state.set(top.key, 'closed');
      visit(top, dependencies);
      visitedDependencies[visitedDependencies.length - 1]?.push(top);
    }
  }
}
