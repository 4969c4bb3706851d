// Property test: on random task graphs, the next action matches a plain transcription of Task Master's findNextTask.
import { describe, expect, it } from 'vitest';
import { findNextAction, listReadyActions } from './next-action.js';
import { mulberry32, type RawTask, randomInt, randomRawTasks } from './random-task-graph.js';
import { parseTasksFile } from './tasks-file.js';

/**
 * Reference: Task Master's findNextTask (scripts/modules/task-manager/find-next-task.js, with tm-core's
 * `critical: 4`), written as plainly as possible on the raw JSON objects. Returns every candidate in order.
 */
function referenceReadyIds(tasks: RawTask[]): string[] {
  const priorityValues: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
  const toFullSubId = (parentId: number, dep: number | string): string =>
    typeof dep === 'string' && dep.includes('.') ? dep : `${parentId}.${dep}`;
  const completed = new Set<string>();
  for (const t of tasks) {
    if (t.status === 'done') completed.add(String(t.id));
    for (const st of t.subtasks ?? []) if (st.status === 'done') completed.add(`${t.id}.${st.id}`);
  }
  const subtasks: Array<{ id: string; priority: string; deps: string[] }> = [];
  for (const parent of tasks) {
    if (parent.status !== 'in-progress' || !Array.isArray(parent.subtasks)) continue;
    for (const st of parent.subtasks) {
      const status = st.status || 'pending';
      if (status !== 'pending' && status !== 'in-progress') continue;
      const deps = (st.dependencies ?? []).map((d: number | string) => toFullSubId(parent.id, d));
      if (deps.every((d: string) => completed.has(d))) {
        subtasks.push({
          id: `${parent.id}.${st.id}`,
          priority: st.priority || parent.priority || 'medium',
          deps,
        });
      }
    }
  }
  subtasks.sort((a, b) => {
    const pa = priorityValues[a.priority] ?? 2;
    const pb = priorityValues[b.priority] ?? 2;
    if (pb !== pa) return pb - pa;
    if (a.deps.length !== b.deps.length) return a.deps.length - b.deps.length;
    const [aPar = 0, aSub = 0] = a.id.split('.').map(Number);
    const [bPar = 0, bSub = 0] = b.id.split('.').map(Number);
    if (aPar !== bPar) return aPar - bPar;
    return aSub - bSub;
  });
  const top = tasks
    .filter((t) => {
      const status = t.status || 'pending';
      if (status !== 'pending' && status !== 'in-progress') return false;
      return (t.dependencies ?? []).every((d: number | string) => completed.has(String(d)));
    })
    .sort((a, b) => {
      const pa = priorityValues[a.priority || 'medium'] ?? 2;
      const pb = priorityValues[b.priority || 'medium'] ?? 2;
      if (pb !== pa) return pb - pa;
      const da = (a.dependencies ?? []).length;
      const db = (b.dependencies ?? []).length;
      if (da !== db) return da - db;
      return a.id - b.id;
    });
  return [...subtasks.map((s) => s.id), ...top.map((t) => String(t.id))];
}

describe('findNextAction matches Task Master on random graphs', () => {
  it('agrees with the reference on the next action and the whole ready order for 600 seeded graphs', () => {
    let subtaskPicks = 0;
    let taskPicks = 0;
    let nonePicks = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const random = mulberry32(seed);
      const raw = randomRawTasks(random, {
        tasks: randomInt(random, 0, 25),
        maxSubtasks: randomInt(random, 0, 5),
        maxDependencies: randomInt(random, 0, 4),
        doneBias: random() * 0.7,
      });
      const tasks = parseTasksFile(JSON.stringify({ master: { tasks: raw } })).tags.get('master')!.tasks;
      const expected = referenceReadyIds(raw);
      const next = findNextAction(tasks);
      expect(next.id, `seed ${seed}`).toBe(expected[0] ?? null);
      expect(
        listReadyActions(tasks).map((a) => a.id),
        `seed ${seed}`,
      ).toEqual(expected);
      if (next.kind === 'subtask') subtaskPicks++;
      else if (next.kind === 'task') taskPicks++;
      else nonePicks++;
      expect(next.reason).not.toContain('\n');
    }
    // The generator must exercise every outcome, or the property proves little.
    expect(subtaskPicks).toBeGreaterThan(50);
    expect(taskPicks).toBeGreaterThan(50);
    expect(nonePicks).toBeGreaterThan(20);
  });
});
