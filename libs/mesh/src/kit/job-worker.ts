// The consumer loop for job tools: pulls from the service's durable consumer, runs handlers, owns retries and dead letters.

import { type Envelope, EnvelopeSchema, LonghaulError, toLonghaulError } from '@longhaul/schemas';
import { AckPolicy, type Consumer, type JsMsg, jetstream } from '@nats-io/jetstream';
import { InvalidArgumentError, type NatsConnection, headers as natsHeaders } from '@nats-io/transport-node';
import * as v from 'valibot';
import type { ArtifactStore } from '../artifacts.js';
import { decodeJson } from '../codec.js';
import { openDurableConsumer } from '../durable-consumer.js';
import type { Logger } from '../logger.js';
import { nanos } from '../nanos.js';
import type { RunEvents } from '../run-events.js';
import { type EnvelopeVerifier, SIGNATURE_HEADER } from '../signing.js';
import { type Subjects, serviceQueueGroup } from '../subjects.js';
import { parseArguments } from '../validation.js';
import type { JobImplementation } from './job-implementation.js';
import type { JobSettings } from './job-settings.js';

const PULL_EXPIRES_MS = 5_000;
export const DEAD_LETTER_REASON_HEADER = 'Lh-Dlq-Reason';

// Every final outcome is acked, never `term`ed: a WorkQueue stream keeps a terminated message (nats-server 2.9),
// while an ack removes it. A failure is copied to the dead-letter stream first.

export interface JobWorkerDeps {
  nc: NatsConnection;
  subjects: Subjects;
  service: string;
  instance: string;
  jobs: readonly JobImplementation[];
  verifier: EnvelopeVerifier;
  runEvents: RunEvents;
  artifacts: ArtifactStore;
  /** Whether a run already ended (cancelled before it started, for instance). */
  isRunEnded: (runId: string) => Promise<boolean>;
  settings: JobSettings;
  logger: Logger;
}

export interface JobWorker {
  stop(): Promise<void>;
}

class Cancelled extends Error {}

/** Failures of NATS itself are transient: they make the attempt retryable instead of failing the run. */
async function infrastructure<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // Except a message NATS will never accept (over max_payload): retrying cannot help.
    if (error instanceof InvalidArgumentError) {
      throw new LonghaulError('invalid_argument', `could not ${what}: ${error.message}; record less data`);
    }
    throw new LonghaulError('unavailable', `could not ${what}: ${String(error)}`, { retryable: true });
  }
}
class Stopping extends Error {}

function openJobConsumer(deps: JobWorkerDeps): Promise<Consumer> {
  return openDurableConsumer(deps.nc, {
    stream: deps.subjects.streams.jobs,
    name: serviceQueueGroup(deps.service),
    filterSubject: deps.subjects.jobsOf(deps.service),
    // Retry settings are the service's: a restart with new ones updates the consumer.
    update: true,
    config: {
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(deps.settings.ackWaitMs),
      max_deliver: deps.settings.maxDeliver,
      // Each instance bounds its own concurrency; this only caps the whole service.
      max_ack_pending: 10_000,
    },
  });
}

export async function startJobWorker(deps: JobWorkerDeps): Promise<JobWorker> {
  const consumer = await openJobConsumer(deps);
  const byTool = new Map(deps.jobs.map((j) => [j.contract.name, j]));
  const stopping = new AbortController();
  const js = jetstream(deps.nc);

  async function deadLetter(msg: JsMsg, tool: string, error: LonghaulError): Promise<void> {
    const h = natsHeaders();
    for (const [key, values] of msg.headers ?? []) for (const value of values) h.append(key, value);
    h.set(DEAD_LETTER_REASON_HEADER, JSON.stringify(error.toWire()));
    await js.publish(deps.subjects.deadLetter(deps.service, tool), msg.data, { headers: h });
  }

  async function finishFailed(
    msg: JsMsg,
    envelope: Envelope,
    tool: string,
    error: LonghaulError,
    attempt: number,
  ) {
    // Dead-lettered first: whoever hears `failed` can already find the job in LH_DLQ.
    // A job past its overall deadline is not worth replaying; one whose attempts kept timing out may be.
    if (error.code !== 'deadline_exceeded' || error.retryable) await deadLetter(msg, tool, error);
    await deps.runEvents.publish(envelope.runId ?? '', 'failed', { error: error.toWire() }, attempt);
    msg.ack();
  }

  async function handle(msg: JsMsg): Promise<void> {
    const tool = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    const attempt = msg.info.deliveryCount;
    const impl = byTool.get(tool);
    if (!deps.verifier.verify(msg.data, msg.headers?.get(SIGNATURE_HEADER))) {
      deps.logger.warn('job with a bad signature dead-lettered', { subject: msg.subject });
      await deadLetter(
        msg,
        tool,
        new LonghaulError('unauthenticated', 'the job has no valid edge signature'),
      );
      msg.ack();
      return;
    }
    const parsed = v.safeParse(EnvelopeSchema, decodeJson(msg.data));
    if (!parsed.success || !parsed.output.runId || !impl) {
      const error = new LonghaulError('invalid_argument', `malformed job or unknown tool "${tool}"`);
      await deadLetter(msg, tool, error);
      // A signed envelope names its run: close it, so nobody waits on it forever.
      if (parsed.success && parsed.output.runId) {
        await deps.runEvents.publish(parsed.output.runId, 'failed', { error: error.toWire() }, attempt);
      }
      msg.ack();
      return;
    }
    const envelope = parsed.output;
    const runId = envelope.runId as string;
    // Listening for a cancellation starts before the run's state is read, so none falls in between.
    const controller = new AbortController();
    const cancelSub = deps.nc.subscribe(deps.subjects.cancel(runId), {
      callback: () => controller.abort(new Cancelled('cancelled')),
    });
    try {
      await attemptJob(msg, impl, envelope, runId, attempt, tool, controller);
    } finally {
      cancelSub.unsubscribe();
    }
  }

  async function attemptJob(
    msg: JsMsg,
    impl: JobImplementation,
    envelope: Envelope,
    runId: string,
    attempt: number,
    tool: string,
    controller: AbortController,
  ): Promise<void> {
    // Reads done together: whether the run already ended (cancelled while queued), and where to resume.
    let ended: boolean;
    let lastCheckpoint: unknown;
    try {
      [ended, lastCheckpoint] = await Promise.all([
        deps.isRunEnded(runId),
        attempt > 1
          ? infrastructure('read the last checkpoint', deps.runEvents.lastCheckpoint(runId))
          : undefined,
      ]);
    } catch (error) {
      deps.logger.warn('job state unreadable; retrying', { runId, error: String(error) });
      msg.nak(1_000);
      return;
    }
    if (ended) {
      msg.ack();
      return;
    }
    if (Date.now() >= envelope.deadline) {
      const late = new LonghaulError('deadline_exceeded', `${tool} did not finish before its deadline`, {
        retryable: false,
      });
      await finishFailed(msg, envelope, tool, late, attempt);
      return;
    }

    const onStop = () => controller.abort(new Stopping('service stopping'));
    stopping.signal.addEventListener('abort', onStop, { once: true });
    const untilDeadline = envelope.deadline - Date.now();
    const attemptLimit = impl.contract.attemptTimeoutMs;
    const attemptEndsFirst = attemptLimit !== undefined && attemptLimit < untilDeadline;
    const deadline = setTimeout(
      () =>
        controller.abort(
          attemptEndsFirst
            ? new LonghaulError(
                'deadline_exceeded',
                `attempt ${attempt} of ${tool} ran past its ${attemptLimit} ms attempt limit${attempt < deps.settings.maxDeliver ? '; it is retried from its last checkpoint' : ', the last attempt allowed'}`,
                { retryable: true, data: { attemptTimeoutMs: attemptLimit } },
              )
            : new LonghaulError('deadline_exceeded', `${tool} did not finish before its deadline`, {
                retryable: false,
              }),
        ),
      // setTimeout fires at once past 2^31-1 ms; a deadline that far away is as good as none.
      Math.min(attemptEndsFirst ? attemptLimit : untilDeadline, 2 ** 31 - 1),
    );
    const keepAlive = setInterval(
      () => {
        msg.working();
        void deps.runEvents
          .publish(runId, 'heartbeat', { instance: deps.instance }, attempt)
          .catch(() => undefined);
      },
      Math.max(250, Math.floor(deps.settings.ackWaitMs / 3)),
    );
    // A handler whose progress cannot be recorded (NATS away) fails retryably, so the job is redelivered.
    const record = async (kind: 'progress' | 'checkpoint' | 'log' | 'artifact', data: unknown) => {
      await infrastructure(`record the ${kind}`, deps.runEvents.publish(runId, kind, data, attempt));
    };
    try {
      const args = parseArguments(impl.contract.input, envelope.args, tool);
      // Recorded while the handler starts; awaited before the result, so `started` precedes it in LH_RUNS.
      const started = infrastructure(
        'record the start',
        deps.runEvents.publish(runId, 'started', { instance: deps.instance }, attempt),
      );
      started.catch(() => undefined);
      const result = await impl.run(args, {
        envelope,
        principal: envelope.principal,
        workspace: envelope.workspace,
        signal: controller.signal,
        instance: deps.instance,
        runId,
        attempt,
        lastCheckpoint,
        progress: (progress, total, message) => record('progress', { progress, total, message }),
        checkpoint: (state) => record('checkpoint', state),
        log: (message, fields) => record('log', { message, ...fields }),
        artifact: async (name, data, contentType) => {
          const stored = await deps.artifacts.put(runId, name, data, contentType);
          await record('artifact', stored);
          return stored;
        },
      });
      await started;
      if (controller.signal.aborted) throw controller.signal.reason;
      await infrastructure('record the result', deps.runEvents.publish(runId, 'result', { result }, attempt));
      msg.ack();
    } catch (thrown) {
      const reason = controller.signal.aborted ? controller.signal.reason : thrown;
      if (reason instanceof Stopping) {
        msg.nak();
      } else if (reason instanceof Cancelled) {
        await deps.runEvents.publish(runId, 'cancelled', { by: 'run_cancel' }, attempt);
        msg.ack();
      } else {
        const error = toLonghaulError(reason);
        if (error.code === 'internal')
          deps.logger.error('job handler failed', { tool, runId, error: String(reason) });
        if (error.retryable && attempt < deps.settings.maxDeliver) {
          const delay =
            deps.settings.backoffMs[Math.min(attempt - 1, deps.settings.backoffMs.length - 1)] ?? 0;
          await deps.runEvents.publish(
            runId,
            'log',
            { message: `attempt ${attempt} failed: ${error.message}; retrying in ${delay} ms` },
            attempt,
          );
          msg.nak(delay);
        } else {
          await finishFailed(msg, envelope, tool, error, attempt);
        }
      }
    } finally {
      clearInterval(keepAlive);
      clearTimeout(deadline);
      stopping.signal.removeEventListener('abort', onStop);
    }
  }

  const loops = Array.from({ length: deps.settings.concurrency }, async () => {
    while (!stopping.signal.aborted) {
      let msg: JsMsg | null;
      try {
        msg = await consumer.next({ expires: PULL_EXPIRES_MS });
      } catch (error) {
        if (!stopping.signal.aborted) deps.logger.warn('job pull failed', { error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (!msg) continue;
      await handle(msg).catch((error: unknown) => {
        deps.logger.error('job handling failed; it will be redelivered', { error: String(error) });
        msg.nak(1_000);
      });
    }
  });

  return {
    async stop() {
      stopping.abort();
      await Promise.allSettled(loops);
    },
  };
}
