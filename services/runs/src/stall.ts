// Stalled detection: an agent run that has gone silent, computed whenever a run is read.
import { type RunRecord, TERMINAL_RUN_STATUSES } from '@longhaul/schemas';

/** An agent run silent for this long is reported as stalled (its session probably died). */
export const DEFAULT_AGENT_STALL_MS = 15 * 60_000;

/** Adds `stalled: true` to a running agent run whose last sign of life is older than `stallMs`. */
export function markStalled(record: RunRecord, stallMs: number, now = Date.now()): RunRecord {
  if (!record.agent || TERMINAL_RUN_STATUSES.has(record.status)) return record;
  const lastSign = Math.max(record.lastHeartbeatAt ?? 0, record.updatedAt);
  return now - lastSign > stallMs ? { ...record, stalled: true } : record;
}
