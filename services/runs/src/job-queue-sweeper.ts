// Removes jobs left in LH_JOBS whose runs have already ended: nats-server 2.9 can keep a WorkQueue message
// whose ack it had applied when it was killed; such a message is never delivered again and only takes space.
import type { Logger, Subjects } from '@longhaul/mesh';
import { type RunRecord, TERMINAL_RUN_STATUSES } from '@longhaul/schemas';
import { jetstreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60_000;
/** Messages read per sweep, from the oldest: garbage sits at the front of the queue. */
export const DEFAULT_SWEEP_LIMIT = 1_000;
/** A job younger than this is never touched, so the sweeper cannot race a worker that is finishing it. */
export const DEFAULT_SWEEP_MIN_AGE_MS = 60_000;

export interface SweepOptions {
  nc: NatsConnection;
  subjects: Subjects;
  runs: KV;
  logger: Logger;
  intervalMs?: number;
  limit?: number;
  minAgeMs?: number;
  now?: () => number;
}

export interface JobQueueSweeper {
  /** One pass; answers how many leftover jobs were deleted. */
  sweep(): Promise<number>;
  stop(): void;
}

async function runEnded(runs: KV, runId: string): Promise<boolean> {
  const entry = await runs.get(runId).catch(() => null);
  if (entry?.operation !== 'PUT') return false;
  return TERMINAL_RUN_STATUSES.has(entry.json<RunRecord>().status);
}

/** The run id of a stored job, or undefined for a message that is not a job envelope. */
function runIdOf(data: Uint8Array): unknown {
  try {
    return (JSON.parse(new TextDecoder().decode(data)) as { runId?: unknown } | null)?.runId;
  } catch {
    return undefined;
  }
}

export function startJobQueueSweeper(options: SweepOptions): JobQueueSweeper {
  const now = options.now ?? Date.now;
  const limit = options.limit ?? DEFAULT_SWEEP_LIMIT;
  const minAgeMs = options.minAgeMs ?? DEFAULT_SWEEP_MIN_AGE_MS;
  const stream = options.subjects.streams.jobs;
  const sweep = async () => {
    const jsm = await jetstreamManager(options.nc);
    const { state } = await jsm.streams.info(stream);
    let deleted = 0;
    const last = Math.min(state.last_seq, state.first_seq + limit - 1);
    for (let seq = state.first_seq; state.messages > 0 && seq <= last; seq += 1) {
      const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!stored || now() - stored.time.getTime() < minAgeMs) continue;
      const runId = runIdOf(stored.data);
      if (typeof runId !== 'string' || !(await runEnded(options.runs, runId))) continue;
      if (await jsm.streams.deleteMessage(stream, seq).catch(() => false)) deleted += 1;
    }
    if (deleted > 0) options.logger.info('leftover jobs of ended runs deleted', { stream, deleted });
    return deleted;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) =>
      options.logger.warn('job queue sweep failed', { error: String(error) }),
    );
  }, options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
