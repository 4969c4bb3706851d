// Missing dependencies, cycles, blocked chains, the critical path, Mermaid output and pre-write checks.
import { describe, expect, it } from 'vitest';
import { blockedChains } from './blocked-chains.js';
import { criticalPath } from './critical-path.js';
import { checkDependencyChange } from './dependency-check.js';
import { findCycle, findMissingDependencies } from './dependency-graph.js';
import { renderMermaid } from './mermaid-graph.js';
import { sub, task } from './task-builders.js';

describe('findMissingDependencies', () => {
  it('lists dependencies on ids that do not exist, with the value as written', () => {
    const tasks = [
      task(1, { dependencies: [99, '1.5'] }),
      task(2, { subtasks: [sub(1, { dependencies: [3, '2.1'] })] }),
    ];
    expect(findMissingDependencies(tasks)).toEqual([
      { from: '1', missing: '99', written: 99 },
      { from: '1', missing: '1.5', written: '1.5' },
      { from: '2.1', missing: '2.3', written: 3 },
    ]);
  });
});

describe('findCycle', () => {
  it('returns null for a graph without cycles', () => {
    expect(
      findCycle([task(1), task(2, { dependencies: [1] }), task(3, { dependencies: [1, 2] })]),
    ).toBeNull();
  });

  it('returns the cycle path, each id waiting on the next', () => {
    const tasks = [
      task(1),
      task(3, { dependencies: [5] }),
      task(5, { dependencies: [7] }),
      task(7, { dependencies: [3, 1] }),
    ];
    expect(findCycle(tasks)).toEqual(['3', '5', '7', '3']);
    expect(findCycle([task(4, { dependencies: [4] })])).toEqual(['4', '4']);
  });

  it('finds cycles through subtasks', () => {
    const tasks = [
      task(1, { subtasks: [sub(1, { dependencies: ['2.1'] })] }),
      task(2, { subtasks: [sub(1, { dependencies: ['1.1'] })] }),
    ];
    expect(findCycle(tasks)).toEqual(['1.1', '2.1', '1.1']);
  });

  it('walks a 10,000-long chain without recursion', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) =>
      task(i + 1, { dependencies: i === 0 ? [10_000] : [i] }),
    );
    const cycle = findCycle(tasks)!;
    expect(cycle).toHaveLength(10_001);
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
  });
});

describe('blockedChains', () => {
  it('reports what blocks each unfinished item, down to the root blockers', () => {
    const tasks = [
      task(1, { status: 'done' }),
      task(2),
      task(3, { dependencies: [1, 2] }),
      task(4, { dependencies: [3, 99] }),
      task(5, { status: 'done', dependencies: [4] }),
      task(6, { dependencies: [4, 2] }),
    ];
    expect(blockedChains(tasks)).toEqual([
      { id: '3', status: 'pending', waitsOn: ['2'], rootBlockers: ['2'], missing: [], truncated: false },
      {
        id: '4',
        status: 'pending',
        waitsOn: ['3', '99'],
        rootBlockers: ['2'],
        missing: ['99'],
        truncated: false,
      },
      {
        id: '6',
        status: 'pending',
        waitsOn: ['4', '2'],
        rootBlockers: ['2'],
        missing: ['99'],
        truncated: false,
      },
    ]);
  });

  it('still names a blocker inside a cycle and caps long root lists', () => {
    const cyclic = blockedChains([task(1, { dependencies: [2] }), task(2, { dependencies: [1] })]);
    expect(cyclic.map((c) => [c.id, c.rootBlockers])).toEqual([
      ['1', ['2']],
      ['2', ['1']],
    ]);
    const wide = [
      ...Array.from({ length: 15 }, (_, i) => task(i + 1)),
      task(20, { dependencies: Array.from({ length: 15 }, (_, i) => i + 1) }),
    ];
    const [chain] = blockedChains(wide, { limit: 10 });
    expect(chain).toMatchObject({ id: '20', truncated: true });
    expect(chain!.rootBlockers).toHaveLength(10);
  });
});

describe('criticalPath', () => {
  it('returns the longest chain of not-done items in working order', () => {
    const tasks = [
      task(1, { status: 'done' }),
      task(2, { dependencies: [1] }),
      task(3, { dependencies: [2] }),
      task(4, { dependencies: [3] }),
      task(5, { dependencies: [2] }),
    ];
    expect(criticalPath(tasks)).toEqual(['2', '3', '4']);
    const withSubtask = [
      task(1),
      task(2, { dependencies: ['3.2'] }),
      task(3, { subtasks: [sub(1), sub(2, { dependencies: [1] })] }),
    ];
    expect(criticalPath(withSubtask)).toEqual(['3.1', '3.2', '2']);
    expect(criticalPath([task(1, { status: 'done' })])).toEqual([]);
  });

  it('handles 10,000 tasks in a long chain', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) =>
      task(i + 1, { dependencies: i === 0 ? [] : [i, Math.max(1, i - 5)] }),
    );
    const path = criticalPath(tasks);
    const chains = blockedChains(tasks);
    // Generous on purpose: catches quadratic blow-ups (minutes at this size), not machine noise.
    expect(path).toHaveLength(10_000);
    expect(chains).toHaveLength(9_999);
    expect(chains[9_998]!.rootBlockers).toEqual(['1']);
  });
});

describe('renderMermaid', () => {
  it('draws nodes with escaped, truncated titles, dependency → dependent edges and a class per status', () => {
    const tasks = [
      task(1, { title: 'Say "hi" <b> #1 `x`', status: 'done' }),
      task(2, {
        title: 'A very long title that keeps going well past the limit',
        status: 'in-progress',
        dependencies: [1, 42],
      }),
      task(3, { subtasks: [sub(1)] }),
      task(4, { dependencies: ['3.1'] }),
    ];
    expect(renderMermaid(tasks)).toBe(
      [
        'graph TD',
        '  t1["1: Say #quot;hi#quot; #lt;b#gt; #35;1 #96;x#96;"]:::done',
        '  t2["2: A very long title that keeps going well…"]:::in_progress',
        '  t3["3: T3"]:::pending',
        '  t4["4: T4"]:::pending',
        '  missing_42["42 (missing)"]:::missing',
        '  t1 --> t2',
        '  missing_42 --> t2',
        '  t3 --> t4',
        '  classDef pending fill:#f1f3f5,stroke:#868e96',
        '  classDef in_progress fill:#d0ebff,stroke:#1c7ed6',
        '  classDef done fill:#d3f9d8,stroke:#2b8a3e',
        '  classDef missing fill:#fff,stroke:#e03131,stroke-dasharray:4',
      ].join('\n'),
    );
  });

  it('can draw subtasks as their own nodes', () => {
    const tasks = [
      task(3, { subtasks: [sub(1), sub(2, { dependencies: [1] })] }),
      task(4, { dependencies: ['3.2'] }),
    ];
    expect(renderMermaid(tasks, { includeSubtasks: true })).toContain('  t3_1 --> t3_2\n  t3_2 --> t4');
  });
});

describe('checkDependencyChange', () => {
  const base = [
    task(1),
    task(2, { dependencies: [1] }),
    task(3, { dependencies: [2], subtasks: [sub(1), sub(2)] }),
  ];

  it('accepts a valid change', () => {
    expect(checkDependencyChange(base, ['3'])).toEqual({ ok: true, missing: [], cycle: null, problems: [] });
  });

  it('reports a cycle through the changed task with the offending ids', () => {
    const next = base.map((t) => (t.id === 1 ? { ...t, dependencies: [3] } : t));
    expect(checkDependencyChange(next, ['1'])).toMatchObject({
      ok: false,
      cycle: ['1', '3', '2', '1'],
      problems: [
        'dependencies would form a cycle 1 → 3 → 2 → 1 (each waits on the next, so none could start); remove one link, e.g. 3 from the dependencies of 1',
      ],
    });
  });

  it('reports missing dependencies, explaining sibling numbers in subtasks', () => {
    const next = base.map((t) =>
      t.id === 3 ? { ...t, dependencies: [2, 9], subtasks: [sub(1), sub(2, { dependencies: [5] })] } : t,
    );
    expect(checkDependencyChange(next, ['3', '3.2']).problems).toEqual([
      '3 depends on 9, which does not exist in this tag; remove it from the dependencies of 3 or create 9 first',
      '3.2 depends on 5 (read as sibling subtask 3.5), which does not exist in this tag; remove it from the dependencies of 3.2 or create 3.5 first; in a subtask a plain number means a sibling, write "5.2" for a subtask of another task',
    ]);
  });

  it('ignores old problems elsewhere unless asked to check everything', () => {
    const broken = [...base, task(8, { dependencies: [8, 77] })];
    expect(checkDependencyChange(broken, ['3']).ok).toBe(true);
    const all = checkDependencyChange(broken);
    expect(all.cycle).toEqual(['8', '8']);
    expect(all.missing).toEqual([{ from: '8', missing: '77', written: 77 }]);
    expect(checkDependencyChange(broken, ['42']).problems).toEqual([
      '42 is not in the task set being checked; pass the ids of tasks or subtasks whose dependencies change',
    ]);
  });
});
