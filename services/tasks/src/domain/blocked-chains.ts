// What blocks each unfinished task or subtask: its open dependencies and, transitively, the root blockers.
import { walkDependenciesFirst } from './dependency-walk.js';
import { indexTasks, isDone, type TaskIndex } from './task-index.js';
import type { Task, TaskStatus } from './task-model.js';

/** At most this many root blockers (and missing ids) are kept per item; `truncated` says when there were more. */
export const DEFAULT_ROOT_BLOCKER_LIMIT = 10;

export interface BlockedChain {
  id: string;
  status: TaskStatus;
  /** Direct dependencies that are not done (missing ids included). */
  waitsOn: string[];
  /** Unfinished items at the bottom of the chain: nothing they depend on is open, so they can be worked on (or unblocked) first. */
  rootBlockers: string[];
  /** Ids named somewhere down the chain that exist nowhere in the tag; they never finish. */
  missing: string[];
  truncated: boolean;
}

interface Roots {
  roots: string[];
  missing: string[];
  truncated: boolean;
}

/** One entry per not-done item with at least one unfinished dependency, in file order. O(items × limit). */
export function blockedChains(
  tasks: readonly Task[],
  options: { limit?: number } = {},
  index: TaskIndex = indexTasks(tasks),
): BlockedChain[] {
  const limit = options.limit ?? DEFAULT_ROOT_BLOCKER_LIMIT;
  const rootsOf = new Map<string, Roots>();
  const chains: BlockedChain[] = [];
  walkDependenciesFirst(
    index,
    (item) => item.status !== 'done',
    (item, dependencies) => {
      const roots = new Set<string>();
      const missing = new Set<string>();
      let truncated = false;
      const add = (set: Set<string>, key: string): void => {
        if (set.has(key) || key === item.key) return;
        if (set.size < limit) set.add(key);
        else truncated = true;
      };
      const waitsOn: string[] = [];
      for (const dependency of item.dependencies) {
        if (isDone(index, dependency.key)) continue;
        const key = dependency.key ?? String(dependency.written);
        waitsOn.push(key);
        if (dependency.key === null || !index.byKey.has(dependency.key)) add(missing, key);
      }
      for (const dependency of dependencies) {
        const below = rootsOf.get(dependency.key)!;
        truncated ||= below.truncated;
        if (below.roots.length === 0 && below.missing.length === 0) add(roots, dependency.key);
        for (const key of below.roots) add(roots, key);
        for (const key of below.missing) add(missing, key);
      }
      // Open dependencies skipped because they close a cycle still block: count them as roots.
      if (roots.size === 0 && missing.size === 0) for (const key of waitsOn) add(roots, key);
      rootsOf.set(item.key, { roots: [...roots], missing: [...missing], truncated });
      if (waitsOn.length > 0) {
        chains.push({
          id: item.key,
          status: item.status,
          waitsOn,
          rootBlockers: [...roots],
          missing: [...missing],
          truncated,
        });
      }
    },
  );
  const order = new Map(index.items.map((item, i) => [item.key, i]));
  return chains.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
