// Run event kinds published on `lh.run.<runId>.<kind>` for long jobs.
import * as v from 'valibot';

export const RUN_EVENT_KINDS = [
  'accepted',
  'started',
  'progress',
  'heartbeat',
  'checkpoint',
  'log',
  'artifact',
  'result',
  'failed',
  'cancelled',
] as const;

export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

export const RunEventSchema = v.object({
  runId: v.string(),
  kind: v.picklist(RUN_EVENT_KINDS),
  at: v.number(),
  attempt: v.optional(v.number()),
  data: v.optional(v.unknown()),
});

export type RunEvent = v.InferOutput<typeof RunEventSchema>;
