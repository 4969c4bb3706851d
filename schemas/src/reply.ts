// The body of a service's reply to a call: a result or a wire error, never both.
import * as v from 'valibot';
import { WireErrorSchema } from './errors.js';

export const CallReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), result: v.unknown() }),
  v.object({ ok: v.literal(false), error: WireErrorSchema }),
]);

export type CallReply = v.InferOutput<typeof CallReplySchema>;
