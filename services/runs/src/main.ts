// Runs service process entry: folds run events into state and serves the run tools.
import {
  createJsonLogger,
  createRunEvents,
  openRunsBucket,
  parseServiceConfig,
  provisionStreams,
  runService,
} from '@longhaul/mesh';
import { type DeadLetterMover, startDeadLetterMover } from './dead-letter-mover.js';
import { createRunStore } from './run-store.js';
import { createRunsService } from './runs-service.js';
import { followRunEvents, type StateFollower } from './state-follower.js';

const logger = createJsonLogger(process.stderr, 'runs');
try {
  let follower: StateFollower | undefined;
  let mover: DeadLetterMover | undefined;
  const running = await runService('runs', parseServiceConfig(process.env), logger, async (nc, subjects) => {
    await provisionStreams(nc, subjects);
    const store = createRunStore(await openRunsBucket(nc, subjects));
    follower = await followRunEvents(nc, subjects, store, logger);
    const runEvents = await createRunEvents(nc, subjects);
    mover = startDeadLetterMover(nc, subjects, runEvents, logger);
    return createRunsService({ nc, subjects, store, runEvents });
  });
  const shutdown = async () => {
    mover?.stop();
    await follower?.stop().catch(() => undefined);
    await running.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  logger.error('runs service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
