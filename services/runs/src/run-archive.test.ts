// Run history in a real Postgres and retention across Postgres and a real lh_runs bucket.
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createSubjects, provisionMesh, silentLogger } from '@longhaul/mesh';
import type { RunRecord, RunStatus } from '@longhaul/schemas';
import { createTestDatabase, startTestNats } from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RUNS_MIGRATIONS, RUNS_SCHEMA, type RunsDatabase } from './migrations.js';
import { startRetention } from './retention.js';
import { createRunArchive } from './run-archive.js';

const DAY_MS = 86_400_000;

function record(
  runId: string,
  status: RunStatus,
  updatedAt: number,
  extra: Partial<RunRecord> = {},
): RunRecord {
  return {
    runId,
    tool: 'probe_steps',
    service: 'probe',
    workspace: 'alpha',
    principalId: 'token:a',
    status,
    attempt: 1,
    createdAt: updatedAt - 10,
    updatedAt,
    ...extra,
  };
}

async function openArchive(url: string) {
  const db = openDatabase<RunsDatabase>({ url, applicationName: 'test' });
  await migrateSchema(db as Kysely<unknown>, RUNS_SCHEMA, RUNS_MIGRATIONS);
  return { db, archive: createRunArchive(db) };
}

describe('run archive', () => {
  it('keeps the newest record of a run and lists runs by workspace, status, principal and parent', async () => {
    await using database = await createTestDatabase();
    const { db, archive } = await openArchive(database.url);
    try {
      await archive.saveRecord(record('run-0001', 'running', 1_000));
      await archive.saveRecord(record('run-0001', 'succeeded', 2_000, { result: { ok: true } }));
      // A redelivered, older fold never overwrites a newer one.
      await archive.saveRecord(record('run-0001', 'running', 1_500));
      await archive.saveRecord(record('run-0002', 'failed', 3_000, { principalId: 'token:b' }));
      await archive.saveRecord(record('run-0003', 'running', 4_000, { parentRunId: 'run-0001' }));
      await archive.saveRecord(record('run-0004', 'running', 5_000, { workspace: 'beta' }));

      const all = await archive.listRuns({ workspace: 'alpha' }, 10);
      expect(all.map((r) => r.runId)).toEqual(['run-0003', 'run-0002', 'run-0001']);
      expect(all.find((r) => r.runId === 'run-0001')).toMatchObject({
        status: 'succeeded',
        result: { ok: true },
      });
      expect(
        (await archive.listRuns({ workspace: 'alpha', status: 'failed' }, 10)).map((r) => r.runId),
      ).toEqual(['run-0002']);
      expect(
        (await archive.listRuns({ workspace: 'alpha', principalId: 'token:b' }, 10)).map((r) => r.runId),
      ).toEqual(['run-0002']);
      expect(
        (await archive.listRuns({ workspace: 'alpha', parentRunId: 'run-0001' }, 10)).map((r) => r.runId),
      ).toEqual(['run-0003']);
      expect(await archive.listRuns({ workspace: 'alpha' }, 1)).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  });

  it('stores each event once and pages through them', async () => {
    await using database = await createTestDatabase();
    const { db, archive } = await openArchive(database.url);
    try {
      for (let seq = 1; seq <= 5; seq += 1) {
        const event = { runId: 'run-0001', kind: 'progress' as const, at: seq, data: { progress: seq } };
        await archive.saveEvent(seq * 10, event);
        await archive.saveEvent(seq * 10, event);
      }
      const first = await archive.readEvents('run-0001', 0, 2);
      expect(first.events.map((e) => e.seq)).toEqual([10, 20]);
      expect(first.events[0]).toMatchObject({ kind: 'progress', data: { progress: 1 } });
      const rest = await archive.readEvents('run-0001', first.next ?? 0, 10);
      expect(rest.events.map((e) => e.seq)).toEqual([30, 40, 50]);
      expect(rest.next).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it('purges ended runs past retention from Postgres and lh_runs, and keeps the rest', async () => {
    await using database = await createTestDatabase();
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    const { db, archive } = await openArchive(database.url);
    try {
      const { runs } = await provisionMesh(nc, createSubjects('lh'));
      const now = 100 * DAY_MS;
      const cases: Array<[string, RunStatus, number]> = [
        ['old-ended-1', 'succeeded', now - 40 * DAY_MS],
        ['old-ended-2', 'timed_out', now - 31 * DAY_MS],
        ['old-running', 'running', now - 40 * DAY_MS],
        ['new-ended', 'failed', now - 1 * DAY_MS],
      ];
      for (const [id, status, at] of cases) {
        await archive.saveRecord(record(id, status, at));
        await runs.put(id, JSON.stringify(record(id, status, at)));
        await archive.saveEvent(1, { runId: id, kind: 'accepted', at });
      }
      const retention = startRetention({
        archive,
        runs,
        retentionDays: 30,
        logger: silentLogger,
        now: () => now,
      });
      expect(await retention.sweep()).toBe(2);
      retention.stop();

      const left = (await archive.listRuns({ workspace: 'alpha' }, 10)).map((r) => r.runId).sort();
      expect(left).toEqual(['new-ended', 'old-running']);
      expect((await archive.readEvents('old-ended-1', 0, 10)).events).toEqual([]);
      expect((await runs.get('old-ended-1'))?.operation ?? 'gone').not.toBe('PUT');
      expect((await runs.get('old-running'))?.operation).toBe('PUT');
    } finally {
      await nc.close();
      await db.destroy();
    }
  });
});
