// Publishes run events to `lh.run.<runId>.<kind>` (stream LH_RUNS) and reads a run's last checkpoint back.
import type { RunEvent, RunEventKind } from '@longhaul/schemas';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeJson, encodeJson } from './codec.js';
import type { Subjects } from './subjects.js';

export interface RunEvents {
  /** Stores an event in LH_RUNS and answers its stream sequence. */
  publish(runId: string, kind: RunEventKind, data?: unknown, attempt?: number): Promise<number>;
  /** The data of the newest checkpoint event of a run, or undefined when it has none. */
  lastCheckpoint(runId: string): Promise<unknown>;
}

export async function createRunEvents(nc: NatsConnection, subjects: Subjects): Promise<RunEvents> {
  const js: JetStreamClient = jetstream(nc);
  const jsm: JetStreamManager = await jetstreamManager(nc);
  return {
    async publish(runId, kind, data, attempt) {
      const event: RunEvent = { runId, kind, at: Date.now() };
      if (attempt !== undefined) event.attempt = attempt;
      if (data !== undefined) event.data = data;
      return (await js.publish(subjects.runEvent(runId, kind), encodeJson(event))).seq;
    },
    async lastCheckpoint(runId) {
      // null means no checkpoint yet; any other failure must not look like "start from scratch".
      const stored = await jsm.streams.getMessage(subjects.streams.runs, {
        last_by_subj: subjects.runEvent(runId, 'checkpoint'),
      });
      if (!stored) return undefined;
      return (decodeJson(stored.data) as RunEvent).data;
    },
  };
}
