// Hand-written cases for every rule and tie-break of the next-action choice, its reasons, and its speed.
import { describe, expect, it } from 'vitest';
import { findNextAction, listReadyActions } from './next-action.js';
import { sub, task } from './task-builders.js';

describe('findNextAction', () => {
  it('prefers a ready subtask of an in-progress task over any top-level task', () => {
    const tasks = [
      task(1, { priority: 'critical' }),
      task(2, { status: 'in-progress', priority: 'low', subtasks: [sub(1)] }),
    ];
    const next = findNextAction(tasks);
    expect(next).toMatchObject({ kind: 'subtask', id: '2.1', parent: { id: 2 } });
    expect(next.reason).toBe(
      '2.1: ready subtask of in-progress task 2, the only one by priority, fewest dependencies, id; priority low, no dependencies',
    );
  });

  it('ignores subtasks whose parent is not in progress', () => {
    const tasks = [task(1, { subtasks: [sub(1)] }), task(2, { status: 'review', subtasks: [sub(1)] })];
    expect(findNextAction(tasks)).toMatchObject({ kind: 'task', id: '1' });
  });

  it('only picks subtasks that are pending or in progress (missing status counts as pending)', () => {
    const { status: _s, ...noStatus } = sub(3);
    const tasks = [
      task(1, {
        status: 'in-progress',
        subtasks: [sub(1, { status: 'done' }), sub(2, { status: 'blocked' }), noStatus],
      }),
    ];
    expect(findNextAction(tasks).id).toBe('1.3');
  });

  it('orders by priority first: critical > high > medium > low, a subtask falling back to its parent', () => {
    const parent = task(1, {
      status: 'in-progress',
      priority: 'high',
      subtasks: [sub(1, { priority: 'medium' }), sub(2), sub(3, { priority: 'low' })],
    });
    expect(listReadyActions([parent]).map((a) => [a.id, a.priority])).toEqual([
      ['1.2', 'high'],
      ['1.1', 'medium'],
      ['1.3', 'low'],
      ['1', 'high'],
    ]);
    const tops = [
      task(1, { priority: 'low' }),
      task(2),
      task(3, { priority: 'critical' }),
      task(4, { priority: 'high' }),
    ];
    expect(listReadyActions(tops).map((a) => a.id)).toEqual(['3', '4', '2', '1']);
  });

  it('then fewest dependencies (counting done ones), then id', () => {
    const tasks = [
      task(1, { status: 'done' }),
      task(2, { status: 'done' }),
      task(5, { dependencies: [1, 2] }),
      task(4, { dependencies: [1] }),
      task(3, { dependencies: [2] }),
      task(6),
    ];
    expect(listReadyActions(tasks).map((a) => a.id)).toEqual(['6', '3', '4', '5']);
  });

  it('breaks subtask ties by parent id, then subtask id', () => {
    const tasks = [
      task(9, { status: 'in-progress', subtasks: [sub(2), sub(1)] }),
      task(3, { status: 'in-progress', subtasks: [sub(5)] }),
    ];
    expect(listReadyActions(tasks).map((a) => a.id)).toEqual(['3.5', '9.1', '9.2', '3', '9']);
  });

  it('excludes anything with an unfinished or missing dependency and accepts done ones', () => {
    const tasks = [
      task(1, { status: 'in-progress' }),
      task(2, { dependencies: [1] }),
      task(3, { dependencies: [99] }),
      task(4, { status: 'done' }),
      task(5, { dependencies: ['4'], priority: 'low' }),
    ];
    expect(listReadyActions(tasks).map((a) => a.id)).toEqual(['1', '5']);
  });

  it('resolves subtask dependencies: numbers are siblings, "p.n" is any subtask', () => {
    const tasks = [
      task(1, {
        status: 'in-progress',
        subtasks: [
          sub(1, { status: 'done' }),
          sub(2, { dependencies: [1] }),
          sub(3, { dependencies: ['2.1'] }),
        ],
      }),
      task(2, { status: 'in-progress', subtasks: [sub(1), sub(2, { dependencies: ['1'] })] }),
    ];
    expect(listReadyActions(tasks).map((a) => a.id)).toEqual(['2.1', '1.2', '1', '2']);
  });

  it('lets a task depend on a done subtask ("3.1")', () => {
    const tasks = [
      task(3, { status: 'in-progress', subtasks: [sub(1, { status: 'done' })] }),
      task(4, { dependencies: ['3.1'] }),
    ];
    expect(listReadyActions(tasks).map((a) => a.id)).toEqual(['3', '4']);
  });

  it('explains a top-level pick and the count of competitors', () => {
    const tasks = [task(1, { status: 'done' }), task(2, { priority: 'high', dependencies: [1] }), task(3)];
    expect(findNextAction(tasks).reason).toBe(
      '2: ready task (no subtask of an in-progress task is ready), first of 2 by priority, fewest dependencies, id; priority high, 1 dependency, all done',
    );
  });

  it('says why nothing is ready', () => {
    expect(findNextAction([])).toEqual({
      kind: 'none',
      id: null,
      reason: 'nothing to do: this tag has no tasks',
    });
    expect(findNextAction([task(1, { status: 'done' }), task(2, { status: 'deferred' })]).reason).toBe(
      'nothing to do: no pending or in-progress tasks (done 1, deferred 1)',
    );
    const waiting = [
      task(4, { status: 'blocked' }),
      task(7, { dependencies: [4, 99] }),
      task(9, { dependencies: ['7', '4.2'] }),
    ];
    expect(findNextAction(waiting).reason).toBe(
      'nothing ready: 2 pending or in-progress tasks wait on unfinished dependencies: 7 (waits on 4, 99 missing), 9 (waits on 7, 4.2 missing); other tasks: blocked 1',
    );
  });

  it('shortens a long list of waiting tasks', () => {
    const tasks = [
      task(1, { status: 'blocked' }),
      ...Array.from({ length: 8 }, (_, i) => task(i + 2, { dependencies: [1] })),
    ];
    expect(findNextAction(tasks).reason).toContain('6 (waits on 1) … and 3 more; other tasks: blocked 1');
  });

  it('handles 10,000 tasks with subtasks', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) =>
      task(i + 1, {
        status: i % 3 === 0 ? 'done' : i % 7 === 0 ? 'in-progress' : 'pending',
        dependencies: i > 2 ? [i, i - 1] : [],
        subtasks: [sub(1, { status: 'done' }), sub(2, { dependencies: [1] })],
      }),
    );
    const next = findNextAction(tasks);
    // Generous on purpose: catches quadratic blow-ups (minutes at this size), not machine noise.
    expect(next.kind).toBe('subtask');
  });
});
