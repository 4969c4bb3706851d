// Runs service process entry: folds run events into state and history and serves the run tools.
import { migrateSchema, openDatabase } from '@longhaul/db';
import {
  createJsonLogger,
  createRunEvents,
  openRunsBucket,
  parseServiceConfig,
  provisionStreams,
  runService,
  stopOnSignals,
} from '@longhaul/mesh';
import type { Kysely } from 'kysely';
import { type DeadLetterMover, startDeadLetterMover } from './dead-letter-mover.js';
import { type JobQueueSweeper, startJobQueueSweeper } from './job-queue-sweeper.js';
import { RUNS_MIGRATIONS, RUNS_SCHEMA, type RunsDatabase } from './migrations.js';
import { type Retention, startRetention } from './retention.js';
import { createRunArchive } from './run-archive.js';
import { createRunStore } from './run-store.js';
import { parseRunsConfig } from './runs-config.js';
import { createRunsService } from './runs-service.js';
import { followRunEvents, type StateFollower } from './state-follower.js';

const logger = createJsonLogger(process.stderr, 'runs');

try {
  const config = parseRunsConfig(process.env);
  const db = openDatabase<RunsDatabase>({ url: config.databaseUrl, applicationName: 'longhaul-runs' });
  await migrateSchema(db as Kysely<unknown>, RUNS_SCHEMA, RUNS_MIGRATIONS);
  const archive = createRunArchive(db);
  let follower: StateFollower | undefined;
  let mover: DeadLetterMover | undefined;
  let retention: Retention | undefined;
  let sweeper: JobQueueSweeper | undefined;
  const running = await runService('runs', parseServiceConfig(process.env), logger, async (nc, subjects) => {
    await provisionStreams(nc, subjects);
    const runs = await openRunsBucket(nc, subjects);
    const store = createRunStore(runs, archive);
    follower = await followRunEvents(nc, subjects, store, archive, logger);
    const runEvents = await createRunEvents(nc, subjects);
    mover = await startDeadLetterMover(nc, subjects, runEvents, logger);
    retention = startRetention({ archive, runs, retentionDays: config.retentionDays, logger });
    sweeper = startJobQueueSweeper({ nc, subjects, runs, logger });
    void retention.sweep().catch((error: unknown) => {
      logger.warn('run retention failed', { error: String(error) });
    });
    return createRunsService({ nc, subjects, store, archive, runEvents, stallMs: config.stallMs });
  });
  stopOnSignals([
    () => retention?.stop(),
    () => sweeper?.stop(),
    () => mover?.stop(),
    () => follower?.stop(),
    () => running.stop(),
    () => db.destroy(),
  ]);
} catch (error) {
  logger.error('runs service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
