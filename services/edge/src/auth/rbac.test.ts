// Role grants: whole scopes, scopes limited to tools, and typos caught at start-up.
import { describe, expect, it } from 'vitest';
import { createAccessPolicy, DEFAULT_ROLE_GRANTS } from './rbac.js';

const tool = (name: string, scope: 'read' | 'write' | 'exec' | 'admin') => ({ name, scope });

describe('access policy', () => {
  const policy = createAccessPolicy({ ...DEFAULT_ROLE_GRANTS, ci: ['read', 'exec:sandbox_*'], none: [] });

  it('grants the default roles their scopes', () => {
    expect(policy.allows(['reader'], tool('task_list', 'read'))).toBe(true);
    expect(policy.allows(['reader'], tool('task_create', 'write'))).toBe(false);
    expect(policy.allows(['writer'], tool('task_create', 'write'))).toBe(true);
    expect(policy.allows(['writer'], tool('sandbox_exec', 'exec'))).toBe(false);
    expect(policy.allows(['operator'], tool('sandbox_exec', 'exec'))).toBe(true);
    expect(policy.allows(['operator'], tool('token_admin', 'admin'))).toBe(false);
    expect(policy.allows(['admin'], tool('token_admin', 'admin'))).toBe(true);
  });

  it('limits a tool-scoped grant to matching tools', () => {
    expect(policy.allows(['ci'], tool('sandbox_exec', 'exec'))).toBe(true);
    expect(policy.allows(['ci'], tool('browser_exec', 'exec'))).toBe(false);
    expect(policy.allows(['ci'], tool('task_create', 'write'))).toBe(false);
  });

  it('combines roles and ignores unknown ones', () => {
    expect(policy.allows(['none', 'writer'], tool('task_create', 'write'))).toBe(true);
    expect(policy.allows(['ghost'], tool('task_list', 'read'))).toBe(false);
    expect(policy.allows([], tool('task_list', 'read'))).toBe(false);
  });

  it('fails fast on a grant typo', () => {
    expect(() => createAccessPolicy({ r: ['raed'] })).toThrow(/role "r" grants "raed"/);
    expect(() => createAccessPolicy({ r: ['exec:sandbox.exec'] })).toThrow(/tool pattern/);
  });
});
