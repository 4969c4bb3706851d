// Follows LH_RUNS with a durable consumer and folds every event into the run's record.
import { consumeDurably, type Logger, openDurableConsumer, type Subjects } from '@longhaul/mesh';
import type { RunEvent } from '@longhaul/schemas';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RunArchive } from './run-archive.js';
import type { RunStore } from './run-store.js';

export const STATE_CONSUMER = 'runs-state';

export interface StateFollower {
  stop(): Promise<void>;
}

export async function followRunEvents(
  nc: NatsConnection,
  subjects: Subjects,
  store: RunStore,
  archive: RunArchive,
  logger: Logger,
): Promise<StateFollower> {
  const consumer = await openDurableConsumer(nc, {
    stream: subjects.streams.runs,
    name: STATE_CONSUMER,
    filterSubject: subjects.allRunEvents(),
    config: { ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, max_ack_pending: 1_000 },
  });
  return consumeDurably(consumer, {
    batch: 256,
    retryMs: 500,
    async handle(msg) {
      const event = msg.json<RunEvent>();
      // Heartbeats only say "alive": the record keeps the last one; the history does not need each.
      await Promise.all([
        store.apply(event),
        event.kind === 'heartbeat' ? undefined : archive.saveEvent(msg.seq, event),
      ]);
    },
    onFailure(msg, error) {
      logger.warn('run event not folded; it will be redelivered', {
        subject: msg.subject,
        error: String(error),
      });
    },
  });
}
