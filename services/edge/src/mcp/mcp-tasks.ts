// MCP tasks (2025-11-25): a task-augmented tools/call becomes a run; tasks/get|result|list|cancel read it.
import { randomUUID } from 'node:crypto';
import { callTool, cancelRun, decodeJson, followRun, publishJob, readRun } from '@longhaul/mesh';
import {
  type RunEvent,
  type RunRecord,
  type RunStatus,
  TERMINAL_RUN_STATUSES,
  type ToolDescriptor,
  toLonghaulError,
} from '@longhaul/schemas';
import {
  type CallToolResult,
  type CreateTaskResult,
  ErrorCode,
  McpError,
  type Task,
} from '@modelcontextprotocol/sdk/types.js';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EdgePrincipal } from '../auth/principal.js';
import { errorResult } from './error-result.js';
import { claimRun } from './run-claim.js';
import { admitCall, envelopeFor, type ToolCallDeps, toResult } from './tool-call.js';

/** How often a client should poll tasks/get, in milliseconds. */
export const DEFAULT_TASK_POLL_INTERVAL_MS = 1_000;
/** Longest single wait inside tasks/result before the state is read again. */
const RESULT_WAIT_SLICE_MS = 20_000;
const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task';
const TASK_LIST_LIMIT = 100;

const TASK_STATUS: Record<RunStatus, Task['status']> = {
  accepted: 'working',
  running: 'working',
  succeeded: 'completed',
  failed: 'failed',
  timed_out: 'failed',
  cancelled: 'cancelled',
};

interface TaskView {
  runId: string;
  tool: string;
  status: RunStatus;
  principalId: string;
  createdAt: number;
  updatedAt: number;
  message?: string;
}

function toTask(view: TaskView): Task {
  return {
    taskId: view.runId,
    status: TASK_STATUS[view.status],
    // Runs are kept until the run history's retention removes them; no fixed expiry is promised.
    ttl: null,
    createdAt: new Date(view.createdAt).toISOString(),
    lastUpdatedAt: new Date(view.updatedAt).toISOString(),
    pollInterval: DEFAULT_TASK_POLL_INTERVAL_MS,
    ...(view.message ? { statusMessage: view.message } : {}),
  };
}

function viewOf(record: RunRecord): TaskView {
  const message = record.error ? `${record.error.code}: ${record.error.message}` : record.progress?.message;
  return {
    runId: record.runId,
    tool: record.tool,
    status: record.status,
    principalId: record.principalId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(message ? { message } : {}),
  };
}

/** A protocol error an agent can act on, carrying the stable Longhaul code. */
function toMcpError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  const failure = toLonghaulError(error);
  const code = failure.code === 'invalid_argument' ? ErrorCode.InvalidParams : ErrorCode.InternalError;
  return new McpError(code, `${failure.code}: ${failure.message}`, { longhaul: failure.toWire() });
}

function taskNotFound(taskId: string): McpError {
  return new McpError(
    ErrorCode.InvalidParams,
    `Task not found: "${taskId}" does not exist or was created by another principal; use a taskId from your own tools/call or tasks/list`,
  );
}

export interface McpTasks {
  create(
    principal: EdgePrincipal,
    name: string,
    args: unknown,
    meta: Record<string, unknown> | undefined,
  ): Promise<CreateTaskResult>;
  get(principal: EdgePrincipal, taskId: string): Promise<Task>;
  result(principal: EdgePrincipal, taskId: string, signal: AbortSignal): Promise<CallToolResult>;
  list(principal: EdgePrincipal): Promise<{ tasks: Task[] }>;
  cancel(principal: EdgePrincipal, taskId: string): Promise<Task>;
}

export function createMcpTasks(deps: ToolCallDeps): McpTasks {
  const jsm = jetstreamManager(deps.mesh.nc);

  /** The run as stored, or, before the runs service has folded it, as its accepted event says. */
  const readView = async (runId: string): Promise<TaskView | undefined> => {
    const record = await readRun(deps.mesh.runs, runId);
    if (record) return viewOf(record);
    const accepted = await (await jsm).streams
      .getMessage(deps.mesh.subjects.streams.runs, {
        last_by_subj: deps.mesh.subjects.runEvent(runId, 'accepted'),
      })
      .catch(() => null);
    if (!accepted) return undefined;
    const event = decodeJson(accepted.data) as RunEvent;
    const data = (event.data ?? {}) as { principalId?: unknown; tool?: unknown };
    if (typeof data.principalId !== 'string') return undefined;
    const tool = typeof data.tool === 'string' ? data.tool : 'job';
    return {
      runId,
      tool,
      status: 'accepted',
      principalId: data.principalId,
      createdAt: event.at,
      updatedAt: event.at,
    };
  };

  /** A task is visible only to the principal whose call created it. */
  const ownView = async (principal: EdgePrincipal, taskId: string): Promise<TaskView> => {
    const view = /^[A-Za-z0-9_-]{8,64}$/.test(taskId) ? await readView(taskId) : undefined;
    if (!view || view.principalId !== principal.id) throw taskNotFound(taskId);
    return view;
  };

  const jobTool = (principal: EdgePrincipal, name: string): ToolDescriptor => {
    const tool = deps.registry.tool(name);
    if (!tool || !deps.policy.allows(principal.roles, tool)) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool "${name}": no running service offers it to you; call tools/list`,
      );
    }
    if (tool.mode !== 'job') {
      throw new McpError(
        ErrorCode.InvalidParams,
        `${name} answers at once and does not run as a task (its execution.taskSupport is "forbidden"); call it without params.task`,
      );
    }
    return tool;
  };

  return {
    async create(principal, name, args, meta) {
      const tool = jobTool(principal, name);
      try {
        const envelope = { ...admitCall(deps, principal, tool, args ?? {}, meta), runId: randomUUID() };
        const claim = await claimRun(deps, principal, tool, envelope, meta);
        if (claim.joined) {
          const joined = await readView(claim.runId);
          if (joined) return { task: toTask(joined) };
        } else {
          await claim.start((sent) => publishJob(deps.mesh, tool, sent));
        }
        const now = Date.now();
        return {
          task: toTask({
            runId: claim.runId,
            tool: tool.name,
            status: 'accepted',
            principalId: principal.id,
            createdAt: now,
            updatedAt: now,
          }),
        };
      } catch (error) {
        throw toMcpError(error);
      }
    },

    async get(principal, taskId) {
      return toTask(await ownView(principal, taskId));
    },

    async result(principal, taskId, signal) {
      const related = { _meta: { [RELATED_TASK_META_KEY]: { taskId } } };
      const view = await ownView(principal, taskId);
      // tasks/result blocks until the task ends; each slice re-reads the state, so nothing is missed.
      while (!signal.aborted) {
        try {
          const outcome = await followRun(deps.mesh, view.tool, taskId, { waitMs: RESULT_WAIT_SLICE_MS });
          if (outcome.ended) return { ...toResult(outcome.result), ...related };
        } catch (error) {
          return { ...errorResult(toLonghaulError(error)), ...related };
        }
      }
      throw new McpError(ErrorCode.InvalidRequest, 'tasks/result was cancelled before the task ended');
    },

    async list(principal) {
      const runList = deps.registry.tool('run_list');
      if (!runList) {
        throw new McpError(
          ErrorCode.InternalError,
          'unavailable: the runs service is not running, so tasks cannot be listed; retry shortly',
        );
      }
      try {
        const envelope = envelopeFor(principal, runList, { mine: true, limit: TASK_LIST_LIMIT });
        const { runs } = (await callTool(deps.mesh, runList, envelope)) as {
          runs: Array<{
            runId: string;
            tool: string;
            status: RunStatus;
            createdAt: number;
            updatedAt: number;
            error?: string;
          }>;
        };
        return {
          tasks: runs.map((r) =>
            toTask({ ...r, principalId: principal.id, ...(r.error ? { message: r.error } : {}) }),
          ),
        };
      } catch (error) {
        throw toMcpError(error);
      }
    },

    async cancel(principal, taskId) {
      const view = await ownView(principal, taskId);
      if (TERMINAL_RUN_STATUSES.has(view.status)) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Cannot cancel task "${taskId}": it already ended (${TASK_STATUS[view.status]})`,
        );
      }
      await cancelRun(deps.mesh, taskId, 'the client cancelled the task (tasks/cancel)', principal.id);
      return toTask({ ...view, status: 'cancelled', updatedAt: Date.now() });
    },
  };
}
