// Edge-side argument checks against a service's published JSON Schema.
import type { ToolDescriptor } from '@longhaul/schemas';
import { describe, expect, it } from 'vitest';
import { createArgumentValidator } from './argument-validator.js';

const tool: ToolDescriptor = {
  name: 'task_update',
  service: 'tasks',
  title: 't',
  description: 'd',
  mode: 'call',
  scope: 'write',
  timeoutMs: 1000,
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string', pattern: '^\\d+$', description: 'a task id like "15"' },
      status: { enum: ['pending', 'done'] },
      fields: {
        type: 'object',
        properties: { title: { type: 'string', maxLength: 5 } },
        additionalProperties: false,
      },
    },
    required: ['id'],
  },
};

describe('argument validator', () => {
  const validator = createArgumentValidator();

  it('accepts conforming arguments', () => {
    expect(validator.problems(tool, { id: '1', status: 'done', fields: { title: 'abc' } })).toEqual([]);
  });

  it('lists every problem with its path and what to send instead', () => {
    const problems = validator.problems(tool, {
      status: 'later',
      fields: { title: 'too long', colour: 'red' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'id', message: 'is required' },
        { path: 'status', message: 'must be one of "pending", "done"' },
        { path: 'fields.title', message: 'must NOT have more than 5 characters' },
        { path: 'fields', message: 'unknown property "colour"; remove it' },
      ]),
    );
  });

  it('refuses a non-object', () => {
    expect(validator.problems(tool, 'hello')).toEqual([{ path: '(root)', message: 'must be object' }]);
  });

  it('explains a pattern mismatch with the field description and the value sent', () => {
    expect(validator.problems(tool, { id: '1.x' })).toEqual([
      { path: 'id', message: 'expected a task id like "15" (got "1.x")' },
    ]);
  });
});
