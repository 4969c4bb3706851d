// Run state transitions: forward only, terminal states final, late or reordered events harmless.
import type { RunEvent } from '@longhaul/schemas';
import { describe, expect, it } from 'vitest';
import { foldRunEvent } from './fold-run-event.js';

const at = (n: number) => 1_000 + n;
const ev = (kind: RunEvent['kind'], n: number, data?: unknown, attempt?: number): RunEvent => ({
  runId: 'run-1',
  kind,
  at: at(n),
  ...(data === undefined ? {} : { data }),
  ...(attempt === undefined ? {} : { attempt }),
});
const accepted = ev('accepted', 0, { tool: 't', service: 's', workspace: 'w', principalId: 'p' });

function fold(events: RunEvent[]) {
  return events.reduce(
    (record, event) => foldRunEvent(record, event),
    foldRunEvent(undefined, events[0] as RunEvent),
  );
}

describe('foldRunEvent', () => {
  it('goes accepted → running → succeeded with the result', () => {
    const record = fold([
      accepted,
      ev('started', 1, {}, 1),
      ev('progress', 2, { progress: 3, total: 10 }, 1),
      ev('result', 3, { result: { ok: 1 } }, 1),
    ]);
    expect(record).toMatchObject({
      status: 'succeeded',
      result: { ok: 1 },
      attempt: 1,
      workspace: 'w',
      progress: { progress: 3, total: 10 },
    });
  });

  it('never leaves a terminal state', () => {
    const done = fold([accepted, ev('result', 1, { result: 1 }, 1)]);
    for (const late of [
      ev('started', 2, {}, 2),
      ev('progress', 3, { progress: 1 }),
      ev('failed', 4, { error: { code: 'internal', message: 'x', retryable: false } }),
      ev('cancelled', 5),
    ]) {
      expect(foldRunEvent(done, late).status).toBe('succeeded');
    }
  });

  it('maps a deadline failure to timed_out and others to failed', () => {
    const late = { code: 'deadline_exceeded', message: 'late', retryable: true };
    expect(fold([accepted, ev('failed', 1, { error: late })]).status).toBe('timed_out');
    expect(fold([accepted, ev('failed', 1, { error: { ...late, code: 'internal' } })]).status).toBe('failed');
  });

  it('records cancellation as terminal with a cancelled error', () => {
    const record = fold([accepted, ev('started', 1), ev('cancelled', 2, { reason: 'user asked' })]);
    expect(record).toMatchObject({
      status: 'cancelled',
      error: { code: 'cancelled', message: 'user asked' },
    });
  });

  it('tolerates events arriving before accepted', () => {
    const record = fold([ev('started', 2, {}, 1), accepted]);
    expect(record).toMatchObject({ status: 'running', tool: 't', workspace: 'w', createdAt: at(0) });
  });
});
