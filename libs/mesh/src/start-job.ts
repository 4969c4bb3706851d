// The edge side of a job: record the run, enqueue it once, and follow its events until it ends or the wait is over.
import {
  type Envelope,
  LonghaulError,
  type RunAccepted,
  type RunEvent,
  type RunHandle,
  type RunProgress,
  type ToolDescriptor,
} from '@longhaul/schemas';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import type { CallToolDeps } from './call-tool.js';
import { decodeJson, encodeJson } from './codec.js';
import type { RunEvents } from './run-events.js';
import { SIGNATURE_HEADER } from './signing.js';

export const DEFAULT_JOB_WAIT_MS = 25_000;

export interface StartJobDeps extends CallToolDeps {
  runEvents: RunEvents;
}

export interface StartJobOptions {
  /** How long the caller waits for the result before getting a run handle instead. */
  waitMs: number;
  onProgress?: (progress: RunProgress) => void;
}

export type JobOutcome = { ended: true; result: unknown } | { ended: false; handle: RunHandle };

export async function startJob(
  deps: StartJobDeps,
  tool: ToolDescriptor,
  envelope: Envelope & { runId: string },
  options: StartJobOptions,
): Promise<JobOutcome> {
  const { runId } = envelope;
  // Subscribe before anything is published, so no event of this run can be missed.
  const events = deps.nc.subscribe(deps.subjects.runEvents(runId));
  try {
    const accepted: RunAccepted = {
      tool: tool.name,
      service: tool.service,
      workspace: envelope.workspace,
      principalId: envelope.principal.id,
      ...(envelope.parentRunId ? { parentRunId: envelope.parentRunId } : {}),
    };
    await deps.runEvents.publish(runId, 'accepted', accepted);
    const body = encodeJson(envelope);
    const h = headers();
    h.set(SIGNATURE_HEADER, deps.signer.sign(body));
    await jetstream(deps.nc).publish(deps.subjects.job(tool.service, tool.name), body, {
      msgID: runId,
      headers: h,
    });

    let status: RunHandle['status'] = 'accepted';
    const timer = setTimeout(() => events.unsubscribe(), options.waitMs);
    try {
      for await (const msg of events) {
        const event = decodeJson(msg.data) as RunEvent;
        const data = (event.data ?? {}) as Record<string, unknown>;
        if (event.kind === 'started') status = 'running';
        if (event.kind === 'progress') options.onProgress?.(data as unknown as RunProgress);
        if (event.kind === 'result') return { ended: true, result: data.result };
        if (event.kind === 'failed') throw LonghaulError.fromWire(data.error);
        if (event.kind === 'cancelled') throw new LonghaulError('cancelled', `run ${runId} was cancelled`);
      }
    } finally {
      clearTimeout(timer);
    }
    return {
      ended: false,
      handle: {
        runId,
        status,
        message: `${tool.name} is still ${status === 'running' ? 'running' : 'queued'}; call run_wait {"runId": "${runId}"} for its result`,
      },
    };
  } finally {
    events.unsubscribe();
  }
}
