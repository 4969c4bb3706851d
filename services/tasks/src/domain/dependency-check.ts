// Checks a would-be task set before it is written: dependencies on ids that do not exist, and cycles.
import { findCycle, findMissingDependencies, type MissingDependency } from './dependency-graph.js';
import { type IndexedItem, indexTasks, type TaskIndex } from './task-index.js';
import type { Task } from './task-model.js';

export interface DependencyCheck {
  ok: boolean;
  missing: MissingDependency[];
  /** Ids where each waits on the next, the last repeating the first; null when there is no cycle. */
  cycle: string[] | null;
  /** One actionable sentence per problem. */
  problems: string[];
}

/**
 * `tasks` is the task set as it would be after the write; `changedIds` the tasks or subtasks (`"12"`, `"12.3"`)
 * whose dependencies the write adds or changes. Only problems involving them are reported, so an old problem
 * elsewhere does not block an unrelated write; with no `changedIds` the whole set is checked.
 */
export function checkDependencyChange(
  tasks: readonly Task[],
  changedIds: readonly string[] = [],
): DependencyCheck {
  const index = indexTasks(tasks);
  const problems: string[] = [];
  const changed: IndexedItem[] = [];
  for (const id of changedIds) {
    const item = index.byKey.get(id);
    if (item) changed.push(item);
    else
      problems.push(
        `${id} is not in the task set being checked; pass the ids of tasks or subtasks whose dependencies change`,
      );
  }
  const focus = new Set(changed.map((item) => item.key));
  const missing = findMissingDependencies(tasks, index).filter(
    (m) => changedIds.length === 0 || focus.has(m.from),
  );
  for (const m of missing) problems.push(describeMissing(m, index));
  const cycle = changedIds.length === 0 ? findCycle(tasks, index) : firstCycleThrough(changed, index);
  if (cycle) {
    const [first, second] = cycle as [string, string];
    problems.push(
      `dependencies would form a cycle ${cycle.join(' → ')} (each waits on the next, so none could start); remove one link, e.g. ${second} from the dependencies of ${first}`,
    );
  }
  return { ok: problems.length === 0, missing, cycle, problems };
}

function describeMissing(m: MissingDependency, index: TaskIndex): string {
  const from = index.byKey.get(m.from);
  const sibling = from?.kind === 'subtask' && !String(m.written).includes('.');
  const what = sibling ? `${JSON.stringify(m.written)} (read as sibling subtask ${m.missing})` : m.missing;
  const hint = sibling
    ? '; in a subtask a plain number means a sibling, write "5.2" for a subtask of another task'
    : '';
  return `${m.from} depends on ${what}, which does not exist in this tag; remove it from the dependencies of ${m.from} or create ${m.missing} first${hint}`;
}

/** Shortest cycle through one of `changed` (breadth-first from its dependencies back to itself), or null. */
function firstCycleThrough(changed: readonly IndexedItem[], index: TaskIndex): string[] | null {
  for (const start of changed) {
    const cameFrom = new Map<string, string>();
    const queue: string[] = [start.key];
    for (let head = 0; head < queue.length; head++) {
      const key = queue[head]!;
      for (const dependency of index.byKey.get(key)!.dependencies) {
        const next = dependency.key;
        if (next === null || !index.byKey.has(next)) continue;
        if (next === start.key) {
          const path = [next];
          for (let at: string | undefined = key; at !== undefined && at !== start.key; at = cameFrom.get(at))
            path.push(at);
          path.push(start.key);
          return path.reverse();
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, key);
          queue.push(next);
        }
      }
    }
  }
  return null;
}
