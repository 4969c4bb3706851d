// Retention of run history: ended runs older than the retention period leave Postgres and lh_runs.
import type { Logger } from '@longhaul/mesh';
import type { KV } from '@nats-io/kv';
import type { RunArchive } from './run-archive.js';

export const DEFAULT_RUN_RETENTION_DAYS = 30;
export const DEFAULT_RETENTION_INTERVAL_MS = 60 * 60_000;
const PURGE_BATCH = 500;
const DAY_MS = 86_400_000;

export interface RetentionOptions {
  archive: RunArchive;
  runs: KV;
  retentionDays: number;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}

export interface Retention {
  /** One pass: purges every ended run past retention; answers how many went. */
  sweep(): Promise<number>;
  stop(): void;
}

export function startRetention(options: RetentionOptions): Retention {
  const now = options.now ?? Date.now;
  const sweep = async () => {
    const cutoff = now() - options.retentionDays * DAY_MS;
    let purged = 0;
    for (;;) {
      const ids = await options.archive.purgeEndedBefore(cutoff, PURGE_BATCH);
      // The live state goes too; a run purged from history must not linger in lh_runs.
      await Promise.all(ids.map((id) => options.runs.purge(id)));
      purged += ids.length;
      if (ids.length < PURGE_BATCH) break;
    }
    if (purged > 0)
      options.logger.info('run history purged', { runs: purged, olderThanDays: options.retentionDays });
    return purged;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => options.logger.warn('run retention failed', { error: String(error) }));
  }, options.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
