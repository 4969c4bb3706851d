// The edge side of a job: record the run, enqueue it once, and follow its events until it ends or the wait is over.
import {
  type Envelope,
  LonghaulError,
  type RunAccepted,
  type RunEvent,
  type RunHandle,
  type RunProgress,
  type RunRecord,
  TERMINAL_RUN_STATUSES,
  type ToolDescriptor,
} from '@longhaul/schemas';
import { jetstream } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { headers } from '@nats-io/transport-node';
import { type CallToolDeps, checkEnvelopeSize } from './call-tool.js';
import { decodeJson, encodeJson } from './codec.js';
import type { RunEvents } from './run-events.js';
import { SIGNATURE_HEADER } from './signing.js';

export const DEFAULT_JOB_WAIT_MS = 25_000;
const STATE_RECHECK_MS = 500;

export interface StartJobDeps extends CallToolDeps {
  runEvents: RunEvents;
  /** The `lh_runs` bucket, read when joining a run that may already have ended. */
  runs: KV;
}

export interface StartJobOptions {
  /** How long the caller waits for the result before getting a run handle instead. */
  waitMs: number;
  onProgress?: (progress: RunProgress) => void;
}

export type JobOutcome = { ended: true; result: unknown } | { ended: false; handle: RunHandle };

/** What a job call answers when its run outlives the wait: the run id and how to wait for it. */
export function runHandle(toolName: string, runId: string, status: RunHandle['status']): RunHandle {
  return {
    runId,
    status,
    message: `${toolName} is still ${status === 'running' ? 'running' : 'queued'}; call run_wait {"runId": "${runId}"} for its result`,
  };
}

function outcomeOf(record: RunRecord): JobOutcome {
  if (record.status === 'succeeded') return { ended: true, result: record.result };
  if (record.error) throw LonghaulError.fromWire(record.error);
  throw new LonghaulError('internal', `run ${record.runId} ended ${record.status}`);
}

/** The stored state of a run, or undefined when the bucket has none. */
export async function readRun(runs: KV, runId: string): Promise<RunRecord | undefined> {
  const entry = await runs.get(runId).catch(() => null);
  return entry?.operation === 'PUT' ? entry.json<RunRecord>() : undefined;
}

/**
 * Follows a run until it ends or `waitMs` passes. Events come live; the stored state is checked too, so
 * a run that ended before we started listening is still answered.
 */
export async function followRun(
  deps: StartJobDeps,
  toolName: string,
  runId: string,
  options: StartJobOptions,
  beforeListening?: () => Promise<void>,
): Promise<JobOutcome> {
  const events = deps.nc.subscribe(deps.subjects.runEvents(runId));
  let status: RunHandle['status'] = 'accepted';
  const recheck = async () => {
    const record = await readRun(deps.runs, runId);
    if (record && TERMINAL_RUN_STATUSES.has(record.status)) {
      endedRecord = record;
      events.unsubscribe();
    } else if (record?.status === 'running') {
      status = 'running';
    }
  };
  let endedRecord: RunRecord | undefined;
  const timer = setTimeout(() => events.unsubscribe(), options.waitMs);
  const poller = setInterval(() => void recheck().catch(() => undefined), STATE_RECHECK_MS);
  try {
    await beforeListening?.();
    if (!beforeListening) await recheck();
    for await (const msg of events) {
      const event = decodeJson(msg.data) as RunEvent;
      const data = (event.data ?? {}) as Record<string, unknown>;
      if (event.kind === 'started') status = 'running';
      if (event.kind === 'progress') options.onProgress?.(data as unknown as RunProgress);
      if (event.kind === 'result') return { ended: true, result: data.result };
      if (event.kind === 'failed') throw LonghaulError.fromWire(data.error);
      if (event.kind === 'cancelled') {
        throw new LonghaulError(
          'cancelled',
          `run ${runId} was cancelled: ${String(data.reason ?? 'on request')}`,
        );
      }
    }
    // The run ended before its events reached us: answer from the stored state (result or error).
    if (endedRecord) return outcomeOf(endedRecord);
    return { ended: false, handle: runHandle(toolName, runId, status) };
  } finally {
    clearTimeout(timer);
    clearInterval(poller);
    events.unsubscribe();
  }
}

export interface PublishJobOptions {
  /**
   * Store the accepted event before queueing the job, so every other event of the run comes after it in
   * LH_RUNS: a reader starting at its sequence misses nothing. Costs one round trip.
   */
  acceptedFirst?: boolean;
}

/**
 * Records the run and enqueues it once (the run id is the message id, so a repeat is not queued twice);
 * answers the LH_RUNS sequence of the run's accepted event.
 */
export async function publishJob(
  deps: StartJobDeps,
  tool: ToolDescriptor,
  envelope: Envelope & { runId: string },
  options: PublishJobOptions = {},
): Promise<number> {
  const accepted: RunAccepted = {
    tool: tool.name,
    service: tool.service,
    workspace: envelope.workspace,
    principalId: envelope.principal.id,
    ...(envelope.parentRunId ? { parentRunId: envelope.parentRunId } : {}),
  };
  const body = encodeJson(envelope);
  checkEnvelopeSize(deps.nc, tool, body);
  const h = headers();
  h.set(SIGNATURE_HEADER, deps.signer.sign(body));
  const queue = () =>
    jetstream(deps.nc).publish(deps.subjects.job(tool.service, tool.name), body, {
      msgID: envelope.runId,
      headers: h,
    });
  if (options.acceptedFirst) {
    const acceptedSeq = await deps.runEvents.publish(envelope.runId, 'accepted', accepted);
    await queue();
    return acceptedSeq;
  }
  // Both are stored before the caller hears back; the runs service folds them in either order.
  const [acceptedSeq] = await Promise.all([
    deps.runEvents.publish(envelope.runId, 'accepted', accepted),
    queue(),
  ]);
  return acceptedSeq;
}

/** Records the run, enqueues it and follows it until it ends or the wait is over. */
export async function startJob(
  deps: StartJobDeps,
  tool: ToolDescriptor,
  envelope: Envelope & { runId: string },
  options: StartJobOptions,
): Promise<JobOutcome> {
  // Listening starts before anything is published, so no event of this run can be missed.
  return followRun(deps, tool.name, envelope.runId, options, async () => {
    await publishJob(deps, tool, envelope);
  });
}
