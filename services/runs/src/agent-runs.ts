// The agent's own session as a durable run: start, heartbeat, checkpoint, resume; and listing and paging runs.
import { randomUUID } from 'node:crypto';
import { implement, type RunEvents, type Subjects } from '@longhaul/mesh';
import {
  LonghaulError,
  MAX_CHECKPOINT_BYTES,
  RUNS_SERVICE,
  type RunAccepted,
  type RunRecord,
  runCheckpoint,
  runEvents as runEventsTool,
  runFinish,
  runHeartbeat,
  runList,
  runResume,
  runStart,
  TERMINAL_RUN_STATUSES,
} from '@longhaul/schemas';
import type { NatsConnection } from '@nats-io/transport-node';
import { foldRunEvent } from './fold-run-event.js';
import type { RunArchive } from './run-archive.js';
import { readRunEvents, recentRunEvents, summarise } from './run-history.js';
import type { RunStore } from './run-store.js';
import { markStalled } from './stall.js';

export const AGENT_RUN_TOOL = 'agent_session';
const RECENT_EVENTS = 20;
const MAX_CHILDREN = 100;

export interface AgentRunDeps {
  nc: NatsConnection;
  subjects: Subjects;
  store: RunStore;
  archive: RunArchive;
  runEvents: RunEvents;
  visibleRun: (runId: string, workspace: string) => Promise<RunRecord>;
  stallMs: number;
}

function briefingOf(
  run: RunRecord,
  checkpoint: Record<string, unknown> | undefined,
  children: RunRecord[],
): string {
  const lines = [
    `${run.agent?.title ?? run.tool} — ${run.status}, last update ${new Date(run.updatedAt).toISOString()}`,
  ];
  if (run.agent?.taskId) lines.push(`task ${run.agent.taskId}`);
  if (run.agent?.repo)
    lines.push(`repo ${run.agent.repo}${run.agent.branch ? ` @ ${run.agent.branch}` : ''}`);
  if (checkpoint?.summary) lines.push(`last checkpoint: ${String(checkpoint.summary)}`);
  const next = checkpoint?.nextSteps as string[] | undefined;
  if (next?.length) lines.push(`next steps: ${next.join('; ')}`);
  if (children.length) {
    lines.push(`child runs: ${children.map((c) => `${c.tool} ${c.status}`).join(', ')}`);
  }
  return lines.join('\n');
}

export function agentRunTools(deps: AgentRunDeps) {
  async function agentRun(runId: string, workspace: string): Promise<RunRecord> {
    const run = await deps.visibleRun(runId, workspace);
    if (!run.agent) {
      throw new LonghaulError(
        'failed_precondition',
        `run "${runId}" is a ${run.tool} job; heartbeats and checkpoints are for agent runs started with run_start`,
      );
    }
    if (TERMINAL_RUN_STATUSES.has(run.status)) {
      throw new LonghaulError(
        'failed_precondition',
        `run "${runId}" has ended (${run.status}); start a new one with run_start`,
      );
    }
    return run;
  }

  return [
    implement(runStart, async (args, ctx) => {
      const runId = randomUUID();
      const { metadata, ...rest } = args;
      const accepted: RunAccepted = {
        tool: AGENT_RUN_TOOL,
        service: RUNS_SERVICE,
        workspace: ctx.workspace,
        principalId: ctx.principal.id,
        agent: { ...rest, ...(metadata ? { metadata } : {}) },
      };
      await deps.runEvents.publish(runId, 'accepted', accepted);
      await deps.runEvents.publish(runId, 'started', { by: ctx.principal.id });
      // Folded here too, so the caller can use the run at once.
      await deps.store.apply({ runId, kind: 'accepted', at: Date.now(), data: accepted });
      return { runId };
    }),
    implement(runHeartbeat, async (args, ctx) => {
      const run = await agentRun(args.runId, ctx.workspace);
      const event = {
        runId: run.runId,
        kind: 'heartbeat' as const,
        at: Date.now(),
        data: { note: args.note },
      };
      await deps.runEvents.publish(run.runId, 'heartbeat', event.data);
      return { runId: run.runId, status: foldRunEvent(run, event).status };
    }),
    implement(runCheckpoint, async (args, ctx) => {
      const run = await agentRun(args.runId, ctx.workspace);
      const { runId: _id, ...checkpoint } = args;
      const bytes = Buffer.byteLength(JSON.stringify(checkpoint));
      if (bytes > MAX_CHECKPOINT_BYTES) {
        throw new LonghaulError(
          'invalid_argument',
          `the checkpoint is ${bytes} bytes; the limit is ${MAX_CHECKPOINT_BYTES}: keep the summary short and put large state in files or artifacts`,
          { data: { bytes, limit: MAX_CHECKPOINT_BYTES } },
        );
      }
      await deps.runEvents.publish(run.runId, 'checkpoint', checkpoint);
      return { runId: run.runId, bytes };
    }),
    implement(runFinish, async (args, ctx) => {
      const run = await agentRun(args.runId, ctx.workspace);
      const { stalled: _stalled, ...current } = run;
      const data = { result: { summary: args.summary } };
      const event = { runId: run.runId, kind: 'result' as const, at: Date.now(), data };
      await deps.runEvents.publish(run.runId, 'result', data);
      // Folded here too, so the next call already sees the run ended.
      await deps.store.apply(event);
      return foldRunEvent(current, event);
    }),
    implement(runResume, async (args, ctx) => {
      const run = await deps.visibleRun(args.runId, ctx.workspace);
      const [lastCheckpoint, history, children] = await Promise.all([
        deps.runEvents.lastCheckpoint(run.runId),
        recentRunEvents(deps.nc, deps.subjects, run.runId, RECENT_EVENTS),
        deps.archive.listRuns({ workspace: ctx.workspace, parentRunId: run.runId }, MAX_CHILDREN),
      ]);
      return {
        run,
        ...(lastCheckpoint === undefined ? {} : { lastCheckpoint }),
        recentEvents: history,
        children: children.map(summarise),
        briefing: briefingOf(run, lastCheckpoint as Record<string, unknown> | undefined, children),
      };
    }),
    implement(runList, async (args, ctx) => {
      const runs = await deps.archive.listRuns(
        {
          workspace: ctx.workspace,
          status: args.status,
          principalId: args.mine ? ctx.principal.id : undefined,
        },
        args.limit,
      );
      return { runs: runs.map((r) => summarise(markStalled(r, deps.stallMs))) };
    }),
    implement(runEventsTool, async (args, ctx) => {
      const run = await deps.visibleRun(args.runId, ctx.workspace);
      const live = await readRunEvents(deps.nc, deps.subjects, run.runId, args.after ?? 0, args.limit);
      // Events LH_RUNS has aged out are still in the history.
      if (live.events.length > 0) return live;
      return deps.archive.readEvents(run.runId, args.after ?? 0, args.limit);
    }),
  ];
}
