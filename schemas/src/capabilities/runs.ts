// Contract of the `runs` service: the state of long jobs, waiting for them and cancelling them.
import * as v from 'valibot';
import { RunRecordSchema } from '../run-state.js';
import { defineToolContract } from '../tool-contract.js';

export const RUNS_SERVICE = 'runs';

/** Longest single run_wait, kept under common MCP client timeouts; call again to wait longer. */
export const MAX_RUN_WAIT_SECONDS = 20;

const RunId = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z0-9_-]{8,64}$/,
    'must be a run id as returned by a job tool (8-64 letters, digits, "-" or "_")',
  ),
  v.description('Run id returned by a job tool'),
);

export const runStatus = defineToolContract({
  name: 'run_status',
  service: RUNS_SERVICE,
  title: 'Run status',
  description: 'State of a run: status, attempt, last progress, and its result or error once it has ended.',
  input: v.strictObject({ runId: RunId }),
  output: RunRecordSchema,
  scope: 'read',
  timeoutMs: 5_000,
});

export const runWait = defineToolContract({
  name: 'run_wait',
  service: RUNS_SERVICE,
  title: 'Wait for a run',
  description: `Waits up to "seconds" (at most ${MAX_RUN_WAIT_SECONDS}) for a run to end, then returns its state; call again while status is accepted or running.`,
  input: v.strictObject({
    runId: RunId,
    seconds: v.optional(
      v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_RUN_WAIT_SECONDS), v.description('How long to wait')),
      MAX_RUN_WAIT_SECONDS,
    ),
  }),
  output: RunRecordSchema,
  scope: 'read',
  timeoutMs: (MAX_RUN_WAIT_SECONDS + 5) * 1_000,
});

export const runCancel = defineToolContract({
  name: 'run_cancel',
  service: RUNS_SERVICE,
  title: 'Cancel a run',
  description:
    'Cancels a queued or running run; its handler is told to stop. An ended run is returned unchanged.',
  input: v.strictObject({
    runId: RunId,
    reason: v.optional(v.pipe(v.string(), v.maxLength(500), v.description('Why, for the run history'))),
  }),
  output: RunRecordSchema,
  scope: 'write',
  timeoutMs: 5_000,
});

export const RUNS_TOOLS = [runStatus, runWait, runCancel] as const;
