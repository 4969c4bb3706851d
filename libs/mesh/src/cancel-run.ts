// Cancelling a run: recorded in LH_RUNS first (a queued job is then skipped), then told to a running handler.

import type { NatsConnection } from '@nats-io/transport-node';
import type { RunEvents } from './run-events.js';
import type { Subjects } from './subjects.js';

export interface CancelRunDeps {
  nc: NatsConnection;
  subjects: Subjects;
  runEvents: RunEvents;
}

export async function cancelRun(
  deps: CancelRunDeps,
  runId: string,
  reason: string,
  by: string,
): Promise<void> {
  await deps.runEvents.publish(runId, 'cancelled', { reason, by });
  deps.nc.publish(deps.subjects.cancel(runId));
}
