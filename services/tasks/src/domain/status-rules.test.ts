// Status values, Task Master's cascade and roll-up side effects, and applying a plan without mutating input.
import { describe, expect, it } from 'vitest';
import { applyStatusChanges, parseTaskStatus, planStatusChange } from './status-rules.js';
import { sub, task } from './task-builders.js';

describe('parseTaskStatus', () => {
  it('accepts the seven statuses and suggests the right one otherwise', () => {
    expect(parseTaskStatus('in-progress')).toBe('in-progress');
    expect(() => parseTaskStatus('completed')).toThrow(
      'status: status "completed" is not allowed: send one of "pending", "in-progress", "done", "review", "deferred", "cancelled", "blocked"; did you mean "done"?',
    );
    expect(() => parseTaskStatus('In Progress')).toThrow('did you mean "in-progress"?');
    expect(() => parseTaskStatus(3)).toThrow('status 3 is not allowed');
  });
});

describe('planStatusChange', () => {
  it('changes a plain task and warns about unfinished dependencies', () => {
    const tasks = [task(1), task(2, { dependencies: [1, 9] })];
    expect(planStatusChange(tasks, '2', 'in-progress')).toEqual({
      changes: [{ id: '2', from: 'pending', to: 'in-progress', cause: 'requested' }],
      notes: ['2 still waits on 1 (pending), 9 (missing); Task Master allows this, but check those first'],
    });
  });

  it('says when nothing changes', () => {
    expect(planStatusChange([task(1, { status: 'done' })], '1', 'done')).toEqual({
      changes: [],
      notes: ['1 is already done; nothing changed'],
    });
  });

  it('closes open subtasks when their parent is set to done, as Task Master does', () => {
    const tasks = [
      task(5, { subtasks: [sub(1, { status: 'done' }), sub(2), sub(3, { status: 'cancelled' })] }),
    ];
    expect(planStatusChange(tasks, { taskId: 5 }, 'done')).toEqual({
      changes: [
        { id: '5', from: 'pending', to: 'done', cause: 'requested' },
        { id: '5.2', from: 'pending', to: 'done', cause: 'cascade' },
        { id: '5.3', from: 'cancelled', to: 'done', cause: 'cascade' },
      ],
      notes: ['marking 5 done also marks its 2 open subtasks done: 5.2, 5.3'],
    });
  });

  it('rolls a subtask change up to the parent', () => {
    const tasks = [task(5, { subtasks: [sub(1, { status: 'done' }), sub(2)] })];
    expect(planStatusChange(tasks, '5.2', 'done')).toEqual({
      changes: [
        { id: '5.2', from: 'pending', to: 'done', cause: 'requested' },
        { id: '5', from: 'pending', to: 'done', cause: 'rollup' },
      ],
      notes: ['parent 5 moves from pending to done because all its subtasks are done'],
    });
    const started = planStatusChange([task(5, { subtasks: [sub(1), sub(2)] })], '5.1', 'in-progress');
    expect(started.changes[1]).toEqual({ id: '5', from: 'pending', to: 'in-progress', cause: 'rollup' });
    const reopened = planStatusChange(
      [task(5, { status: 'in-progress', subtasks: [sub(1, { status: 'in-progress' }), sub(2)] })],
      '5.1',
      'pending',
    );
    expect(reopened.changes[1]).toEqual({ id: '5', from: 'in-progress', to: 'pending', cause: 'rollup' });
    const mixed = planStatusChange(
      [task(5, { subtasks: [sub(1), sub(2, { status: 'blocked' })] })],
      '5.1',
      'deferred',
    );
    expect(mixed.changes).toHaveLength(1);
  });

  it('names the ids that exist when the target does not', () => {
    const tasks = [task(1), task(3, { subtasks: [sub(1), sub(2)] }), task(4)];
    expect(() => planStatusChange(tasks, '9', 'done')).toThrow(
      'id: task 9 does not exist in this tag; the tag has 3 tasks, ids 1 to 4; list them to find the right id',
    );
    expect(() => planStatusChange(tasks, '3.7', 'done')).toThrow(
      'id: subtask 3.7 does not exist; task 3 has subtasks 3.1, 3.2',
    );
    expect(() => planStatusChange(tasks, '4.1', 'done')).toThrow(
      'id: subtask 4.1 does not exist; task 4 has no subtasks',
    );
    expect(() => planStatusChange(tasks, '4.x', 'done')).toThrow('expected a task id like "15"');
  });
});

describe('applyStatusChanges', () => {
  it('returns new objects for changed items only and keeps unknown fields', () => {
    const tasks = [
      task(1, { extra: { x: 1 } }),
      task(5, { subtasks: [sub(1), sub(2, { extra: { y: 2 } })] }),
    ];
    const plan = planStatusChange(tasks, '5', 'done');
    const after = applyStatusChanges(tasks, plan.changes, '2025-07-10T00:00:00.000Z');
    expect(after[0]).toBe(tasks[0]);
    expect(after[1]).toMatchObject({
      status: 'done',
      updatedAt: '2025-07-10T00:00:00.000Z',
      subtasks: [{ status: 'done' }, { status: 'done', extra: { y: 2 } }],
    });
    expect(tasks[1]!.status).toBe('pending');
    expect(tasks[1]!.subtasks![0]!.status).toBe('pending');
  });
});
