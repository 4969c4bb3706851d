// The state of one run as kept in the `lh_runs` bucket: folded from its events by the runs service.
import * as v from 'valibot';
import { WireErrorSchema } from './errors.js';

export const RUN_STATUSES = ['accepted', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
]);

export const RunProgressSchema = v.object({
  progress: v.number(),
  total: v.optional(v.number()),
  message: v.optional(v.string()),
});

export const RunRecordSchema = v.object({
  runId: v.string(),
  tool: v.string(),
  service: v.string(),
  workspace: v.string(),
  principalId: v.string(),
  status: v.picklist(RUN_STATUSES),
  attempt: v.number(),
  createdAt: v.number(),
  updatedAt: v.number(),
  parentRunId: v.optional(v.string()),
  /** Set on an agent's own session run (run_start): what it is working on. */
  agent: v.optional(
    v.object({
      title: v.string(),
      taskId: v.optional(v.string()),
      repo: v.optional(v.string()),
      branch: v.optional(v.string()),
      metadata: v.optional(v.record(v.string(), v.unknown())),
    }),
  ),
  lastHeartbeatAt: v.optional(v.number()),
  /** Computed when read: an agent run that has sent no heartbeat, checkpoint or event for too long. */
  stalled: v.optional(v.boolean()),
  progress: v.optional(RunProgressSchema),
  result: v.optional(v.unknown()),
  error: v.optional(WireErrorSchema),
});

export type RunRecord = v.InferOutput<typeof RunRecordSchema>;
export type RunProgress = v.InferOutput<typeof RunProgressSchema>;

/** What the `accepted` event carries: enough for the runs service to create the record. */
export const RunAcceptedSchema = v.object({
  tool: v.string(),
  service: v.string(),
  workspace: v.string(),
  principalId: v.string(),
  parentRunId: v.optional(v.string()),
  agent: v.optional(v.record(v.string(), v.unknown())),
});

export type RunAccepted = v.InferOutput<typeof RunAcceptedSchema>;

/** The structured answer of a job call that outlived the client-facing wait. */
export const RunHandleSchema = v.object({
  runId: v.string(),
  status: v.picklist(RUN_STATUSES),
  message: v.string(),
});

export type RunHandle = v.InferOutput<typeof RunHandleSchema>;
