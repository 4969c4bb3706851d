// The `runs` service: run_status, run_wait and run_cancel over the run records it keeps.
import { cancelRun, defineService, implement, type RunEvents, type Subjects } from '@longhaul/mesh';
import {
  LonghaulError,
  RUNS_SERVICE,
  type RunRecord,
  runCancel,
  runStatus,
  runWait,
  TERMINAL_RUN_STATUSES,
} from '@longhaul/schemas';
import type { NatsConnection } from '@nats-io/transport-node';
import { agentRunTools } from './agent-runs.js';
import { foldRunEvent } from './fold-run-event.js';
import type { RunArchive } from './run-archive.js';
import type { RunStore } from './run-store.js';
import { markStalled } from './stall.js';

export const RUNS_SERVICE_VERSION = '0.1.0';
const WAIT_POLL_MS = 100;

export interface RunsServiceDeps {
  nc: NatsConnection;
  subjects: Subjects;
  store: RunStore;
  archive: RunArchive;
  runEvents: RunEvents;
  stallMs: number;
}

export function createRunsService(deps: RunsServiceDeps) {
  /** The run, if it exists in the caller's workspace; other workspaces' runs do not exist for the caller. */
  async function visibleRun(runId: string, workspace: string): Promise<RunRecord> {
    const stored = await deps.store.get(runId);
    const record = stored && markStalled(stored, deps.stallMs);
    if (!record || record.workspace !== workspace) {
      throw new LonghaulError(
        'not_found',
        `no run "${runId}" in workspace "${workspace}"; use the runId a job tool returned`,
        { data: { runId } },
      );
    }
    return record;
  }

  return defineService({
    name: RUNS_SERVICE,
    version: RUNS_SERVICE_VERSION,
    description: 'Longhaul runs: state of long jobs, waiting and cancellation',
    tools: [
      ...agentRunTools({ ...deps, visibleRun }),
      implement(runStatus, (args, ctx) => visibleRun(args.runId, ctx.workspace)),
      implement(runWait, async (args, ctx) => {
        const until = Date.now() + args.seconds * 1_000;
        let record = await visibleRun(args.runId, ctx.workspace);
        while (!TERMINAL_RUN_STATUSES.has(record.status) && Date.now() < until && !ctx.signal.aborted) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_POLL_MS, until - Date.now())));
          record = markStalled((await deps.store.get(args.runId)) ?? record, deps.stallMs);
        }
        return record;
      }),
      implement(runCancel, async (args, ctx) => {
        const record = await visibleRun(args.runId, ctx.workspace);
        if (TERMINAL_RUN_STATUSES.has(record.status)) return record;
        const { stalled: _stalled, ...current } = record;
        const data = { reason: args.reason ?? `cancelled by ${ctx.principal.id}`, by: ctx.principal.id };
        await cancelRun(deps, args.runId, data.reason, data.by);
        const event = { runId: args.runId, kind: 'cancelled' as const, at: Date.now(), data };
        // Folded here too, so the next call already sees the run ended.
        await deps.store.apply(event);
        return foldRunEvent(current, event);
      }),
    ],
  });
}
