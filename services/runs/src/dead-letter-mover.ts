// Moves jobs that exhausted their deliveries (the worker crashed or stalled every time) to LH_DLQ and fails their runs;
// it reads the server's advisories from LH_ADVISORIES, so one sent while no runs service was up is still handled.
import {
  consumeDurably,
  DEAD_LETTER_REASON_HEADER,
  type DurableLoop,
  type Logger,
  nanos,
  openDurableConsumer,
  type RunEvents,
  type Subjects,
} from '@longhaul/mesh';
import { type Envelope, LonghaulError } from '@longhaul/schemas';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';

/** Durable consumer on LH_ADVISORIES shared by every runs instance. */
export const DEAD_LETTER_CONSUMER = 'runs-dlq-mover';

interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

export type DeadLetterMover = DurableLoop;

/**
 * A WorkQueue message that reached MaxDeliver stays in LH_JOBS and is never delivered again; the server
 * only says so in an advisory. This copies it to `lh.dlq.<service>.<tool>`, deletes it from LH_JOBS and
 * records the run as failed.
 */
export async function startDeadLetterMover(
  nc: NatsConnection,
  subjects: Subjects,
  runEvents: RunEvents,
  logger: Logger,
): Promise<DeadLetterMover> {
  const stream = subjects.streams.jobs;
  const jsm = await jetstreamManager(nc);
  const consumer = await openDurableConsumer(nc, {
    stream: subjects.streams.advisories,
    name: DEAD_LETTER_CONSUMER,
    config: { ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(30_000) },
  });

  async function move(advisory: MaxDeliveriesAdvisory): Promise<void> {
    const stored = await jsm.streams.getMessage(stream, { seq: advisory.stream_seq }).catch(() => null);
    if (!stored) return; // Already moved by another instance, or acked after all.
    const error = new LonghaulError(
      'failed_precondition',
      `gave up after ${advisory.deliveries} deliveries: the worker crashed or stopped answering each time; see the dead-letter queue, fix the cause, then replay it`,
      { data: { deliveries: advisory.deliveries } },
    );
    const tool = stored.subject.slice(stored.subject.lastIndexOf('.') + 1);
    const service = stored.subject.split('.').at(-2) ?? 'unknown';
    const h = headers();
    for (const [key, values] of stored.header ?? []) for (const value of values) h.append(key, value);
    h.set(DEAD_LETTER_REASON_HEADER, JSON.stringify(error.toWire()));
    await jetstream(nc).publish(subjects.deadLetter(service, tool), stored.data, { headers: h });
    await jsm.streams.deleteMessage(stream, advisory.stream_seq).catch(() => false);
    const envelope = stored.json<Envelope>();
    if (envelope.runId)
      await runEvents.publish(envelope.runId, 'failed', { error: error.toWire() }, advisory.deliveries);
    logger.warn('job dead-lettered after max deliveries', { runId: envelope.runId, subject: stored.subject });
  }

  return consumeDurably(consumer, {
    batch: 16,
    retryMs: 1_000,
    handle: (msg) => move(msg.json<MaxDeliveriesAdvisory>()),
    onFailure(_msg, error) {
      logger.error('dead-letter move failed; it will be retried', { error: String(error) });
    },
  });
}
