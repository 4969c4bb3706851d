// Role-based access: roles grant scopes, for every tool or for named tools (`exec:sandbox_*`).
import { TOOL_SCOPES, type ToolDescriptor, type ToolScope } from '@longhaul/schemas';

/** Role name → grants; a grant is a scope (`read`) or a scope limited to tools (`exec:sandbox_exec`, `write:task_*`). */
export type RoleGrants = Record<string, string[]>;

export const DEFAULT_ROLE_GRANTS: RoleGrants = {
  reader: ['read'],
  writer: ['read', 'write'],
  operator: ['read', 'write', 'exec'],
  admin: ['read', 'write', 'exec', 'admin'],
};

interface CompiledGrant {
  scope: ToolScope;
  tool?: RegExp;
}

export interface AccessPolicy {
  allows(roles: readonly string[], tool: Pick<ToolDescriptor, 'name' | 'scope'>): boolean;
  /** Every role the policy knows. */
  roles(): string[];
}

function compileGrant(role: string, grant: string): CompiledGrant {
  const [scope, toolPattern] = grant.split(':', 2) as [string, string | undefined];
  if (!(TOOL_SCOPES as readonly string[]).includes(scope)) {
    throw new Error(`role "${role}" grants "${grant}": the scope must be one of ${TOOL_SCOPES.join(', ')}`);
  }
  if (toolPattern === undefined) return { scope: scope as ToolScope };
  if (!/^[a-z0-9_*]+$/.test(toolPattern)) {
    throw new Error(`role "${role}" grants "${grant}": a tool pattern uses a-z, 0-9, "_" and "*" only`);
  }
  const regex = new RegExp(`^${toolPattern.replaceAll('*', '[a-z0-9_]*')}$`);
  return { scope: scope as ToolScope, tool: regex };
}

/** Compiles grants once, failing fast on a typo; used at start-up. */
export function createAccessPolicy(grants: RoleGrants = DEFAULT_ROLE_GRANTS): AccessPolicy {
  const compiled = new Map<string, CompiledGrant[]>();
  for (const [role, list] of Object.entries(grants)) {
    compiled.set(
      role,
      list.map((g) => compileGrant(role, g)),
    );
  }
  return {
    allows(roles, tool) {
      return roles.some((role) =>
        (compiled.get(role) ?? []).some((g) => g.scope === tool.scope && (!g.tool || g.tool.test(tool.name))),
      );
    },
    roles: () => [...compiled.keys()],
  };
}
