// Property tests: cycles, critical paths and blocked chains on random graphs, checked against simple references.
import { describe, expect, it } from 'vitest';
import { blockedChains } from './blocked-chains.js';
import { criticalPath } from './critical-path.js';
import { checkDependencyChange } from './dependency-check.js';
import { findCycle, findMissingDependencies } from './dependency-graph.js';
import { mulberry32, type RawTask, randomInt, randomRawTasks } from './random-task-graph.js';
import { decodeBacklog } from './tasks-file.js';

/** The graph written out plainly: id → { done, dependency ids }. */
function referenceGraph(raw: RawTask[]): Map<string, { done: boolean; deps: string[] }> {
  const graph = new Map<string, { done: boolean; deps: string[] }>();
  for (const t of raw) {
    graph.set(String(t.id), { done: t.status === 'done', deps: (t.dependencies ?? []).map(String) });
    for (const s of t.subtasks ?? []) {
      const deps = (s.dependencies ?? []).map((d: number | string) =>
        String(d).includes('.') ? String(d) : `${t.id}.${d}`,
      );
      graph.set(`${t.id}.${s.id}`, { done: s.status === 'done', deps });
    }
  }
  return graph;
}

function isAcyclic(graph: Map<string, { deps: string[] }>): boolean {
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [id, node] of graph) {
    const deps = node.deps.filter((d) => graph.has(d));
    waiting.set(id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), id]);
  }
  const ready = [...waiting].filter(([, n]) => n === 0).map(([id]) => id);
  let seen = 0;
  while (ready.length) {
    const id = ready.pop()!;
    seen++;
    for (const d of dependents.get(id) ?? []) {
      waiting.set(d, waiting.get(d)! - 1);
      if (waiting.get(d) === 0) ready.push(d);
    }
  }
  return seen === graph.size;
}

function longestOpenChain(graph: Map<string, { done: boolean; deps: string[] }>): number {
  const memo = new Map<string, number>();
  const length = (id: string): number => {
    if (!memo.has(id)) {
      const open = graph.get(id)!.deps.filter((d) => graph.get(d) && !graph.get(d)!.done);
      memo.set(id, 1 + Math.max(0, ...open.map(length)));
    }
    return memo.get(id)!;
  };
  return Math.max(0, ...[...graph].filter(([, n]) => !n.done).map(([id]) => length(id)));
}

function rootBlockers(graph: Map<string, { done: boolean; deps: string[] }>, id: string): string[] {
  const roots = new Set<string>();
  const seen = new Set<string>();
  const stack = graph.get(id)!.deps.filter((d) => graph.get(d) && !graph.get(d)!.done);
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    const below = graph.get(d)!.deps.filter((x) => !graph.get(x)?.done);
    const existing = below.filter((x) => graph.has(x));
    if (below.length === 0) roots.add(d);
    stack.push(...existing);
  }
  return [...roots].sort();
}

describe('dependency graph properties', () => {
  it('holds on 500 seeded random graphs', () => {
    let cyclic = 0;
    let acyclic = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const random = mulberry32(seed * 7919);
      const raw = randomRawTasks(random, {
        tasks: randomInt(random, 0, 20),
        maxSubtasks: randomInt(random, 0, 3),
        maxDependencies: randomInt(random, 0, 2),
        doneBias: random() * 0.5,
      });
      const tasks = decodeBacklog({ tasks: raw }).tags.get('master')!.tasks;
      const graph = referenceGraph(raw);
      const cycle = findCycle(tasks);
      const missing = findMissingDependencies(tasks);
      expect(missing.length, `seed ${seed}`).toBe(
        [...graph.values()].flatMap((n) => n.deps.filter((d) => !graph.has(d))).length,
      );
      expect(checkDependencyChange(tasks).ok, `seed ${seed}`).toBe(cycle === null && missing.length === 0);
      if (cycle) {
        cyclic++;
        expect(cycle[0]).toBe(cycle[cycle.length - 1]);
        for (let i = 0; i + 1 < cycle.length; i++)
          expect(graph.get(cycle[i]!)!.deps, `seed ${seed}`).toContain(cycle[i + 1]);
        expect(isAcyclic(graph), `seed ${seed}`).toBe(false);
        continue;
      }
      acyclic++;
      expect(isAcyclic(graph), `seed ${seed}`).toBe(true);
      const path = criticalPath(tasks);
      expect(path.length, `seed ${seed}`).toBe(longestOpenChain(graph));
      for (const id of path) expect(graph.get(id)!.done).toBe(false);
      for (let i = 0; i + 1 < path.length; i++) expect(graph.get(path[i + 1]!)!.deps).toContain(path[i]);
      for (const chain of blockedChains(tasks, { limit: 1_000 })) {
        const node = graph.get(chain.id)!;
        expect(chain.waitsOn, `seed ${seed} ${chain.id}`).toEqual(
          node.deps.filter((d) => !graph.get(d)?.done),
        );
        expect([...chain.rootBlockers].sort(), `seed ${seed} ${chain.id}`).toEqual(
          rootBlockers(graph, chain.id),
        );
      }
    }
    expect(cyclic).toBeGreaterThan(50);
    expect(acyclic).toBeGreaterThan(100);
  });
});
