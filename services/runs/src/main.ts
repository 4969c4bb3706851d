// Runs service process entry: folds run events into state and serves the run tools.
import {
  createJsonLogger,
  createRunEvents,
  openRunsBucket,
  parseServiceConfig,
  provisionStreams,
  runService,
  stopOnSignals,
} from '@longhaul/mesh';
import { type DeadLetterMover, startDeadLetterMover } from './dead-letter-mover.js';
import { createRunStore } from './run-store.js';
import { createRunsService } from './runs-service.js';
import { DEFAULT_AGENT_STALL_MS } from './stall.js';
import { followRunEvents, type StateFollower } from './state-follower.js';

const logger = createJsonLogger(process.stderr, 'runs');

/** LONGHAUL_AGENT_STALL_MS: how long an agent run may stay silent before it is reported stalled. */
function parseStallMs(env: NodeJS.ProcessEnv): number {
  const text = env.LONGHAUL_AGENT_STALL_MS;
  if (text === undefined) return DEFAULT_AGENT_STALL_MS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1_000) {
    throw new Error(
      `LONGHAUL_AGENT_STALL_MS "${text}" must be a whole number of milliseconds, at least 1000`,
    );
  }
  return value;
}
try {
  let follower: StateFollower | undefined;
  let mover: DeadLetterMover | undefined;
  const running = await runService('runs', parseServiceConfig(process.env), logger, async (nc, subjects) => {
    await provisionStreams(nc, subjects);
    const store = createRunStore(await openRunsBucket(nc, subjects));
    follower = await followRunEvents(nc, subjects, store, logger);
    const runEvents = await createRunEvents(nc, subjects);
    mover = startDeadLetterMover(nc, subjects, runEvents, logger);
    return createRunsService({ nc, subjects, store, runEvents, stallMs: parseStallMs(process.env) });
  });
  stopOnSignals([() => mover?.stop(), () => follower?.stop(), () => running.stop()]);
} catch (error) {
  logger.error('runs service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
