// Parsing and formatting task ids as agents send them.
import { describe, expect, it } from 'vitest';
import { formatTaskRef, formatTaskRefs, parseTaskRef, parseTaskRefs, tryParseTaskRef } from './task-ids.js';
import { TaskInputError } from './task-input-error.js';

describe('task ids', () => {
  it('parses task and subtask ids, with surrounding spaces', () => {
    expect(parseTaskRef('15')).toEqual({ taskId: 15 });
    expect(parseTaskRef(' 15.2 ')).toEqual({ taskId: 15, subtaskId: 2 });
    expect(parseTaskRef(15)).toEqual({ taskId: 15 });
  });

  it('says what was wrong and what to send instead', () => {
    expect(tryParseTaskRef('15.x')).toEqual({
      ok: false,
      problem: 'id "15.x": expected a task id like "15" or a subtask id like "15.2"',
    });
    expect(tryParseTaskRef('1.2.3')).toEqual({
      ok: false,
      problem:
        'id "1.2.3": expected a task id like "15" or a subtask id like "15.2" (subtasks have no subtasks of their own)',
    });
    expect(tryParseTaskRef('0')).toEqual({
      ok: false,
      problem: 'id "0": ids start at 1; expected a task id like "15" or a subtask id like "15.2"',
    });
    expect(tryParseTaskRef(15.2)).toEqual({
      ok: false,
      problem:
        'id 15.2: expected a task id like "15" or a subtask id like "15.2"; send subtask ids as strings, e.g. "15.2"',
    });
    expect(() => parseTaskRef('abc')).toThrow(TaskInputError);
  });

  it('parses comma-separated lists, dropping repeats', () => {
    expect(parseTaskRefs('15,16')).toEqual([{ taskId: 15 }, { taskId: 16 }]);
    expect(parseTaskRefs('15, 15.2, 15')).toEqual([{ taskId: 15 }, { taskId: 15, subtaskId: 2 }]);
    expect(parseTaskRefs([3, '4.1'])).toEqual([{ taskId: 3 }, { taskId: 4, subtaskId: 1 }]);
  });

  it('reports every bad item of a list at once', () => {
    expect(() => parseTaskRefs('15,,x')).toThrow(
      'ids "15,,x": item 2 is empty; id "x": expected a task id like "15" or a subtask id like "15.2"; send one id or comma-separated ids like "15, 15.2"',
    );
    expect(() => parseTaskRefs([])).toThrow(
      'ids []: no ids given; send one id or comma-separated ids like "15, 15.2"',
    );
  });

  it('formats refs back', () => {
    expect(formatTaskRef({ taskId: 15 })).toBe('15');
    expect(formatTaskRef({ taskId: 15, subtaskId: 2 })).toBe('15.2');
    expect(formatTaskRefs(parseTaskRefs('15, 15.2'))).toBe('15, 15.2');
  });
});
