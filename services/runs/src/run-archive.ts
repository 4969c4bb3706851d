// The durable history of runs in Postgres: every record the state follower folds and every event but
// heartbeats, kept after LH_RUNS ages them out, listed by index instead of a KV scan, removed by retention.
import type { RunEvent, RunRecord, RunStatus } from '@longhaul/schemas';
import { type Kysely, sql } from 'kysely';
import type { RunsDatabase } from './migrations.js';
import type { RunEventView } from './run-history.js';

export interface RunFilter {
  workspace: string;
  status?: RunStatus | undefined;
  principalId?: string | undefined;
  parentRunId?: string | undefined;
}

export interface RunArchive {
  saveRecord(record: RunRecord): Promise<void>;
  saveEvent(seq: number, event: RunEvent): Promise<void>;
  listRuns(filter: RunFilter, limit: number): Promise<RunRecord[]>;
  readEvents(runId: string, after: number, limit: number): Promise<{ events: RunEventView[]; next?: number }>;
  /** Deletes ended runs last updated before `cutoff` (epoch ms) with their events; answers their ids. */
  purgeEndedBefore(cutoff: number, batch: number): Promise<string[]>;
}

const ENDED: RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

export function createRunArchive(db: Kysely<RunsDatabase>): RunArchive {
  return {
    async saveRecord(record) {
      const row = {
        run_id: record.runId,
        workspace: record.workspace,
        principal_id: record.principalId,
        tool: record.tool,
        status: record.status,
        parent_run_id: record.parentRunId ?? null,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        record: JSON.stringify(record),
      };
      // Redelivered events fold to the same or an older record: the newest one stays.
      await db
        .insertInto('runs.runs')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('run_id')
            .doUpdateSet({
              status: (eb) => eb.ref('excluded.status'),
              updated_at: (eb) => eb.ref('excluded.updated_at'),
              record: sql`excluded.record`,
            })
            .where(sql<boolean>`runs.runs.updated_at <= excluded.updated_at`),
        )
        .execute();
    },

    async saveEvent(seq, event) {
      await db
        .insertInto('runs.events')
        .values({
          run_id: event.runId,
          seq,
          kind: event.kind,
          at: event.at,
          attempt: event.attempt ?? null,
          data: event.data === undefined ? null : JSON.stringify(event.data),
        })
        .onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing())
        .execute();
    },

    async listRuns(filter, limit) {
      let query = db
        .selectFrom('runs.runs')
        .select('record')
        .where('workspace', '=', filter.workspace)
        .orderBy('updated_at', 'desc')
        .limit(limit);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.principalId) query = query.where('principal_id', '=', filter.principalId);
      if (filter.parentRunId) query = query.where('parent_run_id', '=', filter.parentRunId);
      return (await query.execute()).map((row) => row.record as RunRecord);
    },

    async readEvents(runId, after, limit) {
      const rows = await db
        .selectFrom('runs.events')
        .selectAll()
        .where('run_id', '=', runId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      const events = rows.slice(0, limit).map((row) => ({
        seq: Number(row.seq),
        kind: row.kind,
        at: Number(row.at),
        ...(row.attempt === null ? {} : { attempt: row.attempt }),
        ...(row.data === null ? {} : { data: row.data }),
      }));
      const last = events.at(-1)?.seq;
      return rows.length > limit && last !== undefined ? { events, next: last } : { events };
    },

    async purgeEndedBefore(cutoff, batch) {
      return db.transaction().execute(async (trx) => {
        const doomed = await trx
          .selectFrom('runs.runs')
          .select('run_id')
          .where('status', 'in', ENDED)
          .where('updated_at', '<', cutoff)
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        const ids = doomed.map((row) => row.run_id);
        if (ids.length === 0) return [];
        await trx.deleteFrom('runs.events').where('run_id', 'in', ids).execute();
        await trx.deleteFrom('runs.runs').where('run_id', 'in', ids).execute();
        return ids;
      });
    },
  };
}
