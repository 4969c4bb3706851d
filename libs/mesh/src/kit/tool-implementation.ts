// Pairs a tool contract with the handler that serves it, with typed arguments and result.
import type { Envelope, Principal, ToolContract } from '@longhaul/schemas';
import type * as v from 'valibot';

export interface CallContext {
  readonly envelope: Envelope;
  readonly principal: Principal;
  readonly workspace: string;
  /** Aborts when the caller's deadline passes or the service stops. */
  readonly signal: AbortSignal;
  /** Id of the service instance serving this call. */
  readonly instance: string;
}

export type ToolHandler<C extends ToolContract> = (
  args: v.InferOutput<C['input']>,
  ctx: CallContext,
) => Promise<v.InferInput<C['output']>> | v.InferInput<C['output']>;

export interface ToolImplementation<C extends ToolContract = ToolContract> {
  readonly contract: C;
  // Method syntax keeps implementations of different contracts assignable to one list.
  handler(args: v.InferOutput<C['input']>, ctx: CallContext): ReturnType<ToolHandler<C>>;
}

export function implement<C extends ToolContract>(
  contract: C,
  handler: ToolHandler<C>,
): ToolImplementation<C> {
  return { contract, handler };
}
