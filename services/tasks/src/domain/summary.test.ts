// The progress digest: its content, its order of importance, and that it always fits the token budget.
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt, randomRawTasks } from './random-task-graph.js';
import { summarizeBacklog } from './summary.js';
import type { Subtask, Task } from './task-model.js';
import { decodeBacklog } from './tasks-file.js';
import { estimateTokens, fitToBudget } from './text-budget.js';

const task = (id: number, over: Partial<Task> = {}): Task => ({
  id,
  title: `Task ${id}`,
  status: 'pending',
  ...over,
});
const sub = (id: number, over: Partial<Subtask> = {}): Subtask => ({
  id,
  title: `Sub ${id}`,
  status: 'pending',
  ...over,
});

const backlog: Task[] = [
  task(1, { status: 'done', title: 'Repository' }),
  task(2, {
    status: 'in-progress',
    priority: 'high',
    title: 'Task store',
    dependencies: [1],
    subtasks: [sub(1, { status: 'done' }), sub(2, { status: 'in-progress' }), sub(3, { dependencies: [2] })],
  }),
  task(3, { title: 'Parser', dependencies: [1] }),
  task(4, { title: 'Next task', priority: 'low', dependencies: [3] }),
  task(5, { title: 'Mermaid', dependencies: [4, 99] }),
  task(6, { status: 'blocked', title: 'Hosted sync', priority: 'critical' }),
  task(7, { status: 'deferred', title: 'Later' }),
];

describe('summarizeBacklog', () => {
  it('lists counts, next, in progress, ready, blocked and recent changes', () => {
    const text = summarizeBacklog(backlog, {
      tag: 'master',
      tokenBudget: 1000,
      recentChanges: [
        { id: '1', kind: 'status → done', at: '2025-07-01T10:00:00.000Z' },
        { id: '2.1', kind: 'status → done', at: Date.UTC(2025, 6, 2) },
      ],
    });
    expect(text).toBe(
      [
        'Tag master: 7 tasks — pending 3, in-progress 1, done 1, deferred 1, blocked 1 (14% done); subtasks 1/3 done',
        'Next: 2.2 Sub 2 — ready subtask of in-progress task 2, the only one by priority, fewest dependencies, id; priority high, no dependencies',
        'In progress (2):',
        '- 2 [high] Task store',
        '- 2.2 [high] Sub 2',
        'Ready to start (1):',
        '- 3 [medium] Parser',
        'Blocked (4):',
        '- 6 [critical] Hosted sync — marked blocked',
        '- 2.3 [high] Sub 3 — waits on 2.2',
        '- 5 [medium] Mermaid — waits on 4, 99 (missing); root 3',
        '- 4 [low] Next task — waits on 3',
        'Recent changes (2):',
        '- 2.1 status → done (2025-07-02T00:00:00.000Z)',
        '- 1 status → done (2025-07-01T10:00:00.000Z)',
      ].join('\n'),
    );
  });

  it('keeps the counts and the next action at small budgets and says what was cut', () => {
    const text = summarizeBacklog(backlog, { tokenBudget: 50 });
    expect(estimateTokens(text)).toBeLessThanOrEqual(50);
    expect(text.split('\n')[0]).toMatch(/^Backlog: 7 tasks — pending 3/);
    expect(text).toContain('Next: 2.2');
    const medium = summarizeBacklog(backlog, { tokenBudget: 90 });
    expect(medium).toContain('In progress (2):');
    expect(medium).toMatch(/… omitted for space: .*blocked 4/);
  });

  it('says "… and N more" when a section is cut', () => {
    const many = Array.from({ length: 40 }, (_, i) => task(i + 1, { status: 'in-progress' }));
    const text = summarizeBacklog(many, { tokenBudget: 150 });
    expect(text).toMatch(/\n {2}… and \d+ more/);
    expect(estimateTokens(text)).toBeLessThanOrEqual(150);
  });

  it('never exceeds the budget, for every budget from 50 to 5000', () => {
    const random = mulberry32(7);
    const raw = randomRawTasks(random, { tasks: 120, maxSubtasks: 4, maxDependencies: 3, doneBias: 0.3 });
    const tasks = decodeBacklog({ tasks: raw }).tags.get('master')!.tasks;
    const recentChanges = Array.from({ length: 30 }, (_, i) => ({
      id: String(i + 1),
      kind: 'status → done',
      at: i * 1000,
    }));
    for (let budget = 50; budget <= 5000; budget += budget < 400 ? 1 : randomInt(random, 1, 25)) {
      const text = summarizeBacklog(tasks, { tokenBudget: budget, recentChanges });
      expect(estimateTokens(text), `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(text.startsWith('Backlog: 120 tasks'), `budget ${budget}`).toBe(true);
    }
  });

  it('summarizes 10,000 tasks within the budget', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) =>
      task(i + 1, { status: i % 4 === 0 ? 'done' : 'pending', dependencies: i > 0 ? [i] : [] }),
    );
    const text = summarizeBacklog(tasks, { tokenBudget: 5000 });
    // Generous on purpose: catches quadratic blow-ups (minutes at this size), not machine noise.
    expect(estimateTokens(text)).toBeLessThanOrEqual(5000);
  });

  it('rejects a budget below one token', () => {
    expect(() => summarizeBacklog(backlog, { tokenBudget: 0 })).toThrow(
      'tokenBudget: expected a number of tokens from 1 up, like 800',
    );
  });
});

describe('fitToBudget', () => {
  it('cuts the header itself when even that does not fit', () => {
    expect(fitToBudget(['a'.repeat(100)], [{ title: 'S', items: ['- x'] }], 5)).toBe(`${'a'.repeat(19)}…`);
  });
});
