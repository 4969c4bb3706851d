// Provisioning on a real nats-server: every stream and bucket, safe to repeat from every process.
import { startTestNats } from '@longhaul/testing';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { provisionMesh } from './provision.js';
import { createSubjects } from './subjects.js';

describe('provisioning', () => {
  it('creates the streams and buckets of DESIGN.md, and a second run changes nothing', async () => {
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    const subjects = createSubjects();
    await provisionMesh(nc, subjects);
    await Promise.all([provisionMesh(nc, subjects), provisionMesh(nc, subjects)]);
    const jsm = await jetstreamManager(nc);
    const jobs = await jsm.streams.info('LH_JOBS');
    expect(jobs.config).toMatchObject({
      subjects: ['lh.job.>'],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
    });
    expect((await jsm.streams.info('LH_RUNS')).config.subjects).toEqual(['lh.run.>']);
    expect((await jsm.streams.info('LH_AUDIT')).config.subjects).toEqual(['lh.audit.>']);
    expect((await jsm.streams.info('LH_DLQ')).config.subjects).toEqual(['lh.dlq.>']);
    for (const bucket of ['lh_tools', 'lh_runs', 'lh_idem', 'lh_sessions']) {
      expect((await jsm.streams.info(`KV_${bucket}`)).config.name).toBe(`KV_${bucket}`);
    }
    const idem = await jsm.streams.info('KV_lh_idem');
    expect(idem.config.max_age).toBe(24 * 3600 * 1e9);
    await nc.close();
  });
});
