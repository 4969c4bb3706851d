// The tools/call path: find the tool, authorize, validate, rate-limit, then request/reply over NATS.
import { randomUUID } from 'node:crypto';
import { callTool, type Logger, type StartJobDeps, startJob, type ToolRegistry } from '@longhaul/mesh';
import { LonghaulError, type RunProgress, type ToolDescriptor, toLonghaulError } from '@longhaul/schemas';
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { EdgePrincipal } from '../auth/principal.js';
import type { AccessPolicy } from '../auth/rbac.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { EdgeMetrics } from '../observability/metrics.js';
import type { ArgumentValidator } from './argument-validator.js';
import { errorResult } from './error-result.js';

export interface ToolCallDeps {
  registry: ToolRegistry;
  policy: AccessPolicy;
  validator: ArgumentValidator;
  limiter: RateLimiter;
  mesh: StartJobDeps;
  /** How long a job call waits for its result before answering with a run handle. */
  jobWaitMs: number;
  metrics: EdgeMetrics;
  logger: Logger;
}

function closestNames(name: string, tools: ToolDescriptor[]): string[] {
  const prefix = name.split('_')[0] ?? name;
  return tools
    .map((t) => t.name)
    .filter((n) => n.startsWith(prefix) || n.includes(name) || name.includes(n))
    .slice(0, 5);
}

function unknownTool(name: string, visible: ToolDescriptor[]): McpError {
  const similar = closestNames(name, visible);
  const hint = similar.length ? ` Did you mean ${similar.join(', ')}?` : '';
  return new McpError(
    ErrorCode.InvalidParams,
    `Unknown tool "${name}": no running service offers it.${hint} Call tools/list for the ${visible.length} tools available to you.`,
  );
}

/** Tools the principal may call: what tools/list shows. */
export function visibleTools(deps: Pick<ToolCallDeps, 'registry' | 'policy'>, principal: EdgePrincipal) {
  return deps.registry.tools().filter((t) => deps.policy.allows(principal.roles, t));
}

function toResult(value: unknown): CallToolResult {
  const structured =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { result: value };
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: structured };
}

async function invoke(
  deps: ToolCallDeps,
  principal: EdgePrincipal,
  tool: ToolDescriptor,
  args: unknown,
  onProgress?: (progress: RunProgress) => void,
): Promise<CallToolResult> {
  if (!deps.policy.allows(principal.roles, tool)) {
    throw new LonghaulError(
      'permission_denied',
      `${tool.name} needs the "${tool.scope}" scope, which your roles (${principal.roles.join(', ')}) do not grant in workspace "${principal.workspace}"; use a token with a role that grants it`,
      { data: { tool: tool.name, scope: tool.scope, roles: principal.roles } },
    );
  }
  const problems = deps.validator.problems(tool, args);
  if (problems.length > 0) {
    const lines = problems.map((p) => `- ${p.path}: ${p.message}`).join('\n');
    throw new LonghaulError('invalid_argument', `invalid arguments for ${tool.name}:\n${lines}`, {
      data: { problems },
    });
  }
  const waitMs = deps.limiter.take(principal.workspace);
  if (waitMs > 0) {
    throw new LonghaulError(
      'resource_exhausted',
      `workspace "${principal.workspace}" is over its call rate; retry in ${waitMs} ms`,
      {
        retryable: true,
        data: { retryAfterMs: waitMs },
      },
    );
  }
  const envelope = {
    id: randomUUID(),
    tool: tool.name,
    args,
    workspace: principal.workspace,
    principal: { id: principal.id, roles: principal.roles },
    deadline: Date.now() + tool.timeoutMs,
    attempt: 1,
  };
  if (tool.mode === 'call') return toResult(await callTool(deps.mesh, tool, envelope));
  const runId = randomUUID();
  const outcome = await startJob(
    deps.mesh,
    tool,
    { ...envelope, runId },
    {
      waitMs: deps.jobWaitMs,
      ...(onProgress ? { onProgress } : {}),
    },
  );
  if (outcome.ended) return toResult(outcome.result);
  return {
    content: [{ type: 'text', text: outcome.handle.message }],
    structuredContent: { ...outcome.handle },
  };
}

export async function handleToolCall(
  deps: ToolCallDeps,
  principal: EdgePrincipal,
  name: string,
  args: unknown,
  onProgress?: (progress: RunProgress) => void,
): Promise<CallToolResult> {
  const tool = deps.registry.tool(name);
  if (!tool) {
    deps.metrics.count('longhaul_tool_calls_total', { tool: 'unknown', outcome: 'unknown_tool' });
    throw unknownTool(name, visibleTools(deps, principal));
  }
  const started = performance.now();
  try {
    const result = await invoke(deps, principal, tool, args ?? {}, onProgress);
    deps.metrics.count('longhaul_tool_calls_total', { tool: name, outcome: 'ok' });
    return result;
  } catch (error) {
    const failure = toLonghaulError(error);
    if (failure.code === 'internal')
      deps.logger.error('tool call failed', { tool: name, error: String(error) });
    deps.metrics.count('longhaul_tool_calls_total', { tool: name, outcome: failure.code });
    return errorResult(failure);
  } finally {
    deps.metrics.observe('longhaul_tool_call_seconds', (performance.now() - started) / 1000, { tool: name });
  }
}
