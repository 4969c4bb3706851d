// One run's events read back from LH_RUNS in stream order from a given sequence: the replayable source of a
// job's SSE stream, so a stream resumed on any edge continues exactly after the last event its client saw.
import type { RunEvent } from '@longhaul/schemas';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeJson } from './codec.js';
import type { Subjects } from './subjects.js';

export interface SequencedRunEvent {
  /** The event's LH_RUNS stream sequence: unique, increasing, the same on every replica. */
  seq: number;
  event: RunEvent;
}

export interface RunEventFeed extends AsyncIterable<SequencedRunEvent> {
  stop(): void;
}

/** Events of `runId` stored after sequence `afterSeq`, live as they arrive, until `stop()`. */
export async function openRunEventFeed(
  nc: NatsConnection,
  subjects: Subjects,
  runId: string,
  afterSeq: number,
): Promise<RunEventFeed> {
  const consumer = await jetstream(nc).consumers.get(subjects.streams.runs, {
    filter_subjects: subjects.runEvents(runId),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const messages = await consumer.consume();
  return {
    stop: () => void messages.stop(),
    async *[Symbol.asyncIterator]() {
      for await (const msg of messages) {
        yield { seq: msg.seq, event: decodeJson(msg.data) as RunEvent };
      }
    },
  };
}
