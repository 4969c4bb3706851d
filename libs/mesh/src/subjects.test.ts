// Subject, stream and bucket names derive from one prefix, and prefixes cannot collide.
import { describe, expect, it } from 'vitest';
import { createSubjects } from './subjects.js';

describe('subjects', () => {
  it('names everything under the default prefix as DESIGN.md does', () => {
    const s = createSubjects();
    expect(s.call('tasks', 'task_create')).toBe('lh.call.tasks.task_create');
    expect(s.job('sandbox', 'sandbox_exec')).toBe('lh.job.sandbox.sandbox_exec');
    expect(s.runEvent('r1', 'progress')).toBe('lh.run.r1.progress');
    expect(s.event('tasks', 'w1', 'changed')).toBe('lh.event.tasks.w1.changed');
    expect(s.streams).toEqual({
      jobs: 'LH_JOBS',
      runs: 'LH_RUNS',
      audit: 'LH_AUDIT',
      deadLetters: 'LH_DLQ',
      advisories: 'LH_ADVISORIES',
    });
    expect(s.maxDeliveriesAdvisories()).toBe('$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.LH_JOBS.*');
    expect(s.buckets.tools).toBe('lh_tools');
  });

  it('gives another prefix its own streams and buckets', () => {
    const s = createSubjects('acme2');
    expect(s.call('mesh', 'mesh_status')).toBe('acme2.call.mesh.mesh_status');
    expect(s.streams.jobs).toBe('ACME2_JOBS');
    expect(s.buckets.idempotency).toBe('acme2_idem');
  });

  it.each(['my-co', 'my_co', 'LH', '', '1lh', 'a'.repeat(17)])('refuses the prefix "%s"', (prefix) => {
    expect(() => createSubjects(prefix)).toThrow(/lowercase letters or digits/);
  });
});
