// Run records in the `lh_runs` bucket: read, and fold an event in with a compare-and-set retry; each folded
// record is also written to the Postgres history.
import { type RunEvent, type RunRecord, RunRecordSchema } from '@longhaul/schemas';
import type { KV } from '@nats-io/kv';
import * as v from 'valibot';
import { foldRunEvent } from './fold-run-event.js';
import type { RunArchive } from './run-archive.js';

const MAX_CAS_ATTEMPTS = 20;

export interface RunStore {
  get(runId: string): Promise<RunRecord | undefined>;
  apply(event: RunEvent): Promise<RunRecord>;
  readonly kv: KV;
}

export function createRunStore(kv: KV, archive: RunArchive): RunStore {
  async function read(runId: string) {
    const entry = await kv.get(runId);
    if (entry?.operation !== 'PUT') return { record: undefined, revision: 0 };
    const parsed = v.safeParse(RunRecordSchema, entry.json());
    return { record: parsed.success ? parsed.output : undefined, revision: entry.revision };
  }
  return {
    kv,
    async get(runId) {
      return (await read(runId)).record;
    },
    async apply(event) {
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
        const { record, revision } = await read(event.runId);
        const next = foldRunEvent(record, event);
        if (next === record && record) {
          // Already folded (a redelivery): the history may still lack it if writing it failed before.
          await archive.saveRecord(record);
          return record;
        }
        try {
          const body = JSON.stringify(next);
          if (revision === 0) await kv.create(event.runId, body);
          else await kv.update(event.runId, body, revision);
        } catch {
          // Another writer got there first: read again and re-fold.
          continue;
        }
        await archive.saveRecord(next);
        return next;
      }
      throw new Error(`run ${event.runId}: too many concurrent updates`);
    },
  };
}
