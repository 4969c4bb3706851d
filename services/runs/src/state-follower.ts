// Follows LH_RUNS with a durable consumer and folds every event into the run's record.
import type { Logger, Subjects } from '@longhaul/mesh';
import type { RunEvent } from '@longhaul/schemas';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
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
  const jsm = await jetstreamManager(nc);
  const stream = subjects.streams.runs;
  try {
    await jsm.consumers.info(stream, STATE_CONSUMER);
  } catch {
    await jsm.consumers.add(stream, {
      durable_name: STATE_CONSUMER,
      filter_subject: subjects.allRunEvents(),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1_000,
    });
  }
  const consumer = await jetstream(nc).consumers.get(stream, STATE_CONSUMER);
  const messages = await consumer.consume({ max_messages: 256 });
  const done = (async () => {
    for await (const msg of messages) {
      try {
        const event = msg.json<RunEvent>();
        // Heartbeats only say "alive": the record keeps the last one; the history does not need each.
        await Promise.all([
          store.apply(event),
          event.kind === 'heartbeat' ? undefined : archive.saveEvent(msg.seq, event),
        ]);
        msg.ack();
      } catch (error) {
        logger.warn('run event not folded; it will be redelivered', {
          subject: msg.subject,
          error: String(error),
        });
        msg.nak(500);
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}
