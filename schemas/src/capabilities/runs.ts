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

/** Largest checkpoint an agent may store, serialized; a resumed session reads it back in full. */
export const MAX_CHECKPOINT_BYTES = 64 * 1024;

const Text = (max: number, what: string) => v.pipe(v.string(), v.maxLength(max), v.description(what));

const RunSummary = v.object({
  runId: v.string(),
  tool: v.string(),
  status: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  title: v.optional(v.string()),
  stalled: v.optional(v.boolean()),
  error: v.optional(v.string()),
});

const RunEventView = v.object({
  seq: v.number(),
  kind: v.string(),
  at: v.number(),
  attempt: v.optional(v.number()),
  data: v.optional(v.unknown()),
});

export const runStart = defineToolContract({
  name: 'run_start',
  service: RUNS_SERVICE,
  title: 'Start an agent run',
  description:
    'Records your working session as a durable run, so a later session can resume it with run_resume. Returns the run id; pass it as _meta["longhaul/parentRunId"] on job calls to make them children of this run.',
  input: v.strictObject({
    title: v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.description('What this session is doing')),
    taskId: v.optional(Text(64, 'Task id this session works on')),
    repo: v.optional(Text(300, 'Repository')),
    branch: v.optional(Text(200, 'Branch')),
    metadata: v.optional(v.record(v.string(), v.unknown())),
  }),
  output: v.object({ runId: v.string() }),
  scope: 'write',
  timeoutMs: 5_000,
});

export const runHeartbeat = defineToolContract({
  name: 'run_heartbeat',
  service: RUNS_SERVICE,
  title: 'Agent run heartbeat',
  description: 'Marks your agent run as alive, with an optional one-line note of what you are doing.',
  input: v.strictObject({ runId: RunId, note: v.optional(Text(500, 'What you are doing now')) }),
  output: v.object({ runId: v.string(), status: v.string() }),
  scope: 'write',
  timeoutMs: 5_000,
});

export const runCheckpoint = defineToolContract({
  name: 'run_checkpoint',
  service: RUNS_SERVICE,
  title: 'Agent run checkpoint',
  description: `Saves where you are (summary, next steps, files touched, any JSON state; at most ${MAX_CHECKPOINT_BYTES / 1024} KiB) so run_resume can brief the next session.`,
  input: v.strictObject({
    runId: RunId,
    summary: v.pipe(v.string(), v.minLength(1), v.maxLength(8_000), v.description('Where things stand')),
    nextSteps: v.optional(v.pipe(v.array(Text(500, 'A next step')), v.maxLength(50))),
    filesTouched: v.optional(v.pipe(v.array(Text(500, 'A file path')), v.maxLength(500))),
    state: v.optional(v.unknown()),
  }),
  output: v.object({ runId: v.string(), bytes: v.number() }),
  scope: 'write',
  timeoutMs: 5_000,
});

export const runResume = defineToolContract({
  name: 'run_resume',
  service: RUNS_SERVICE,
  title: 'Resume an agent run',
  description:
    'A compact briefing to pick up a run: its state, last checkpoint, recent events, and its child jobs with their outcomes.',
  input: v.strictObject({ runId: RunId }),
  output: v.object({
    run: RunRecordSchema,
    lastCheckpoint: v.optional(v.unknown()),
    recentEvents: v.array(RunEventView),
    children: v.array(RunSummary),
    briefing: v.string(),
  }),
  scope: 'read',
  timeoutMs: 10_000,
});

export const runList = defineToolContract({
  name: 'run_list',
  service: RUNS_SERVICE,
  title: 'List runs',
  description: 'Runs of your workspace, newest first; filter by status, or to the runs you started.',
  input: v.strictObject({
    status: v.optional(v.picklist(['accepted', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'])),
    mine: v.optional(v.pipe(v.boolean(), v.description('Only runs started with your credentials'))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
  }),
  output: v.object({ runs: v.array(RunSummary) }),
  scope: 'read',
  timeoutMs: 10_000,
});

export const runEvents = defineToolContract({
  name: 'run_events',
  service: RUNS_SERVICE,
  title: 'Run events',
  description:
    'Events of a run in order, a page at a time: pass the returned "next" as "after" for the next page.',
  input: v.strictObject({
    runId: RunId,
    after: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(0), v.description('Sequence to continue after')),
    ),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 50),
  }),
  output: v.object({ events: v.array(RunEventView), next: v.optional(v.number()) }),
  scope: 'read',
  timeoutMs: 10_000,
});

export const runFinish = defineToolContract({
  name: 'run_finish',
  service: RUNS_SERVICE,
  title: 'Finish an agent run',
  description:
    'Marks your agent run done (succeeded) with a summary of what was achieved; to abandon it instead, use run_cancel with a reason.',
  input: v.strictObject({
    runId: RunId,
    summary: v.pipe(
      v.string(),
      v.minLength(1),
      v.maxLength(8_000),
      v.description('What the session achieved'),
    ),
  }),
  output: RunRecordSchema,
  scope: 'write',
  timeoutMs: 5_000,
});

export const AGENT_RUN_TOOLS = [
  runStart,
  runHeartbeat,
  runCheckpoint,
  runFinish,
  runResume,
  runList,
  runEvents,
] as const;
