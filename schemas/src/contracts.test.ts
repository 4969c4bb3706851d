// Every contract's tool name follows the naming rule and every input/output schema converts to JSON Schema.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as contracts from './index.js';
import { defineToolContract, describeTool, type ToolContract, toToolJsonSchema } from './tool-contract.js';
import { ToolDescriptorSchema } from './tool-descriptor.js';
import { TOOL_NAME_PATTERN, toolNameProblem } from './tool-name.js';

function isToolContract(value: unknown): value is ToolContract {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<ToolContract>;
  return (
    typeof c.name === 'string' &&
    typeof c.service === 'string' &&
    'input' in c &&
    'output' in c &&
    'scope' in c
  );
}

/** Every contract the package exports, found by shape, so a new capability module is checked without edits here. */
const ALL_CONTRACTS: readonly ToolContract[] = (Object.values(contracts) as unknown[]).filter(isToolContract);

describe('tool contracts', () => {
  it.each(ALL_CONTRACTS.map((c) => [c.name, c] as const))(
    '%s has a valid name and convertible schemas',
    (_, contract) => {
      expect(contract.name).toMatch(TOOL_NAME_PATTERN);
      expect(`mcp__longhaul__${contract.name}`.length).toBeLessThanOrEqual(64);
      const descriptor = describeTool(contract);
      expect(v.safeParse(ToolDescriptorSchema, descriptor).success).toBe(true);
      expect(descriptor.inputSchema.type).toBe('object');
      expect(descriptor.description.length).toBeGreaterThan(20);
    },
  );

  it('finds the contracts it checks', () => {
    expect(ALL_CONTRACTS.map((c) => c.name)).toEqual(expect.arrayContaining(['mesh_status', 'mesh_echo']));
  });

  it('has no two tools with one name', () => {
    const names = ALL_CONTRACTS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(['Task_create', 'task.create', '9lives', '', 'a'.repeat(49), 'task-create'])(
    'rejects the name "%s"',
    (name) => {
      expect(toolNameProblem(name)).toMatch(/must match/);
      expect(() =>
        defineToolContract({
          name,
          service: 'x',
          title: 't',
          description: 'd',
          input: v.object({}),
          output: v.object({}),
          scope: 'read',
        }),
      ).toThrow(/must match/);
    },
  );

  it('accepts names up to 48 characters', () => {
    expect(toolNameProblem(`a${'b'.repeat(47)}`)).toBeUndefined();
  });

  it('refuses a schema that JSON Schema cannot express', () => {
    expect(() => toToolJsonSchema(v.object({ when: v.date() }))).toThrow();
  });
});
