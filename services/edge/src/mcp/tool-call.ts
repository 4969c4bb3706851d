// The tools/call path: find the tool, authorize, validate, rate-limit, then request/reply over NATS.
import { randomUUID } from 'node:crypto';
import {
  callTool,
  cancelRun,
  followRun,
  type Idempotency,
  type JobOutcome,
  type Logger,
  type StartJobDeps,
  startJob,
  type ToolRegistry,
} from '@longhaul/mesh';
import {
  type Envelope,
  LonghaulError,
  type RunHandle,
  type RunProgress,
  type ToolDescriptor,
  toLonghaulError,
} from '@longhaul/schemas';
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { EdgePrincipal } from '../auth/principal.js';
import type { AccessPolicy } from '../auth/rbac.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { EdgeMetrics } from '../observability/metrics.js';
import type { ArgumentValidator } from './argument-validator.js';
import { errorResult } from './error-result.js';
import { claimRun } from './run-claim.js';

export interface ToolCallDeps {
  registry: ToolRegistry;
  policy: AccessPolicy;
  validator: ArgumentValidator;
  limiter: RateLimiter;
  mesh: StartJobDeps;
  idempotency: Idempotency;
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

/** A run handle as a tool result: the message to read, the handle to act on. */
export function handleResult(handle: RunHandle): CallToolResult {
  return { content: [{ type: 'text', text: handle.message }], structuredContent: { ...handle } };
}

export function toResult(value: unknown): CallToolResult {
  const structured =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { result: value };
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: structured };
}

/** Authorizes, validates and rate-limits a call, then builds its envelope: everything before it is sent. */
export function admitCall(
  deps: ToolCallDeps,
  principal: EdgePrincipal,
  tool: ToolDescriptor,
  args: unknown,
  meta: Record<string, unknown> | undefined,
): Envelope {
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
  return envelopeFor(principal, tool, args, meta);
}

/** The envelope of a first attempt of `tool` on behalf of `principal`. */
export function envelopeFor(
  principal: EdgePrincipal,
  tool: ToolDescriptor,
  args: unknown,
  meta?: Record<string, unknown>,
): Envelope {
  return {
    id: randomUUID(),
    tool: tool.name,
    args,
    workspace: principal.workspace,
    principal: { id: principal.id, roles: principal.roles },
    deadline: Date.now() + tool.timeoutMs,
    attempt: 1,
    ...parentOf(meta),
  };
}

async function invoke(
  deps: ToolCallDeps,
  principal: EdgePrincipal,
  tool: ToolDescriptor,
  args: unknown,
  options: CallOptions,
): Promise<CallToolResult> {
  const envelope = admitCall(deps, principal, tool, args, options.meta);
  if (tool.mode === 'call') return toResult(await callTool(deps.mesh, tool, envelope));
  const follow = {
    waitMs: deps.jobWaitMs,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const runId = randomUUID();
  const onCancel = () => {
    // A closing session or edge aborts its requests too; only a client's own cancellation stops the run.
    if (!isClientCancellation(options.signal?.reason)) return;
    const reason = `the client cancelled the ${tool.name} call`;
    void cancelRun(deps.mesh, runId, reason, principal.id).catch((error: unknown) =>
      deps.logger.warn('cancellation not delivered', { runId, error: String(error) }),
    );
  };
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const claim = await claimRun(deps, principal, tool, { ...envelope, runId }, options.meta);
  let outcome: JobOutcome;
  if (claim.joined) {
    // Cancelling this call leaves the joined run alone: it belongs to the call that started it.
    options.signal?.removeEventListener('abort', onCancel);
    outcome = await followRun(deps.mesh, tool.name, claim.runId, follow);
  } else {
    options.onRunStarted?.(runId);
    outcome = await claim.start((sent) => startJob(deps.mesh, tool, sent, follow));
  }
  options.signal?.removeEventListener('abort', onCancel);
  return outcome.ended ? toResult(outcome.result) : handleResult(outcome.handle);
}

export const PARENT_RUN_META_KEY = 'longhaul/parentRunId';

/** The agent run a job call belongs to, from `_meta["longhaul/parentRunId"]`. */
function parentOf(meta: Record<string, unknown> | undefined): { parentRunId?: string } {
  const parent = meta?.[PARENT_RUN_META_KEY];
  if (parent === undefined) return {};
  if (typeof parent !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(parent)) {
    throw new LonghaulError(
      'invalid_argument',
      `_meta["${PARENT_RUN_META_KEY}"] must be a run id from run_start, not ${JSON.stringify(parent)}`,
    );
  }
  return { parentRunId: parent };
}

/** True for an abort a client asked for, false for the SDK aborting requests because a session closed. */
function isClientCancellation(reason: unknown): boolean {
  return !(reason instanceof DOMException && reason.name === 'AbortError');
}

export interface CallOptions {
  /** The request's `_meta` (idempotency key). */
  meta?: Record<string, unknown> | undefined;
  /** Receives a job's progress, when the client asked for progress notifications. */
  onProgress?: (progress: RunProgress) => void;
  /** Told the run id of a job call that started a run (not one that joined a run by idempotency key). */
  onRunStarted?: (runId: string) => void;
  /** Aborted when the client cancels the request (`notifications/cancelled`): a job's run is cancelled too. */
  signal?: AbortSignal;
}

export async function handleToolCall(
  deps: ToolCallDeps,
  principal: EdgePrincipal,
  name: string,
  args: unknown,
  options: CallOptions = {},
): Promise<CallToolResult> {
  const tool = deps.registry.tool(name);
  if (!tool) {
    deps.metrics.count('longhaul_tool_calls_total', { tool: 'unknown', outcome: 'unknown_tool' });
    throw unknownTool(name, visibleTools(deps, principal));
  }
  const started = performance.now();
  try {
    const result = await invoke(deps, principal, tool, args ?? {}, options);
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
