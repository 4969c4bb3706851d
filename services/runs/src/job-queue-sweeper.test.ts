// The job queue sweeper on a real nats-server: leftover jobs of ended runs go, queued and young jobs stay.
import { createSubjects, provisionMesh, silentLogger } from '@longhaul/mesh';
import { startTestNats } from '@longhaul/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { startJobQueueSweeper } from './job-queue-sweeper.js';

const record = (runId: string, status: string) =>
  JSON.stringify({
    runId,
    status,
    tool: 't',
    service: 'ghost',
    workspace: 'w',
    principalId: 'p',
    attempt: 1,
    createdAt: 1,
    updatedAt: 1,
  });

describe('job queue sweeper', () => {
  it('deletes jobs whose runs ended and keeps the rest', async () => {
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    try {
      const subjects = createSubjects('lh');
      const { runs } = await provisionMesh(nc, subjects);
      const js = jetstream(nc);
      // No consumer serves the `ghost` service, so its jobs stay queued like 2.9's leftovers.
      for (const runId of ['ended-0001', 'queued-0002', 'cancelled-03']) {
        await js.publish(subjects.job('ghost', 't'), JSON.stringify({ runId }), { msgID: runId });
      }
      await runs.put('ended-0001', record('ended-0001', 'succeeded'));
      await runs.put('queued-0002', record('queued-0002', 'accepted'));
      await runs.put('cancelled-03', record('cancelled-03', 'cancelled'));

      const young = startJobQueueSweeper({ nc, subjects, runs, logger: silentLogger });
      expect(await young.sweep()).toBe(0);
      young.stop();

      const later = startJobQueueSweeper({
        nc,
        subjects,
        runs,
        logger: silentLogger,
        now: () => Date.now() + 120_000,
      });
      expect(await later.sweep()).toBe(2);
      later.stop();
      const jsm = await jetstreamManager(nc);
      const { state } = await jsm.streams.info('LH_JOBS');
      expect(state.messages).toBe(1);
      const left = await jsm.streams.getMessage('LH_JOBS', { seq: state.first_seq });
      expect(left?.json<{ runId: string }>().runId).toBe('queued-0002');
    } finally {
      await nc.close();
    }
  });
});
