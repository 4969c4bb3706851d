// Stalled detection on agent runs, with a controlled clock.
import type { RunRecord } from '@longhaul/schemas';
import { describe, expect, it } from 'vitest';
import { markStalled } from './stall.js';

const run = (over: Partial<RunRecord>): RunRecord => ({
  runId: 'r',
  tool: 'agent_session',
  service: 'runs',
  workspace: 'w',
  principalId: 'p',
  status: 'running',
  attempt: 0,
  createdAt: 0,
  updatedAt: 1_000,
  agent: { title: 't' },
  ...over,
});

describe('markStalled', () => {
  it('flags a running agent run silent for longer than the limit, by its latest sign of life', () => {
    expect(markStalled(run({}), 5_000, 7_000).stalled).toBe(true);
    expect(markStalled(run({ lastHeartbeatAt: 4_000 }), 5_000, 7_000).stalled).toBeUndefined();
    expect(markStalled(run({}), 5_000, 5_500).stalled).toBeUndefined();
  });

  it('never flags jobs or ended runs', () => {
    const { agent: _agent, ...job } = run({});
    expect(markStalled(job, 5_000, 99_000).stalled).toBeUndefined();
    expect(markStalled(run({ status: 'succeeded' }), 5_000, 99_000).stalled).toBeUndefined();
  });
});
