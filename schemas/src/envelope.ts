// The envelope every tool invocation travels in, edge to service; signed by the edge.
import * as v from 'valibot';

export const PrincipalSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  roles: v.array(v.string()),
});

export type Principal = v.InferOutput<typeof PrincipalSchema>;

export const EnvelopeSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  tool: v.string(),
  args: v.unknown(),
  workspace: v.pipe(v.string(), v.minLength(1)),
  principal: PrincipalSchema,
  runId: v.optional(v.string()),
  parentRunId: v.optional(v.string()),
  idempotencyKey: v.optional(v.string()),
  /** Epoch milliseconds after which the caller no longer waits. */
  deadline: v.number(),
  attempt: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export type Envelope = v.InferOutput<typeof EnvelopeSchema>;
