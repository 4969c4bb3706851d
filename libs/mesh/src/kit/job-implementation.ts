// Pairs a job tool's contract with its handler; a job handler gets progress, checkpoints and its last checkpoint.
import type { ToolContract } from '@longhaul/schemas';
import type * as v from 'valibot';
import type { StoredArtifact } from '../artifacts.js';
import type { CallContext } from './tool-implementation.js';

export interface JobContext extends CallContext {
  readonly runId: string;
  /** 1 on the first delivery, then 2, 3... on redeliveries after a crash or a retryable failure. */
  readonly attempt: number;
  /** The state the previous attempt saved with `checkpoint`, or undefined on a fresh run. */
  readonly lastCheckpoint: unknown;
  /** Reports progress to whoever waits on the run (MCP progress notifications). */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** Saves state durably; a redelivered attempt starts from it. */
  checkpoint(state: unknown): Promise<void>;
  log(message: string, fields?: Record<string, unknown>): Promise<void>;
  /**
   * Stores a file the run produced in the NATS object store (`<runId>/<name>`, at most 64 MiB) and records
   * an `artifact` run event; a retried attempt storing the same name replaces it.
   */
  artifact(name: string, data: Uint8Array | string, contentType?: string): Promise<StoredArtifact>;
}

export interface JobImplementation<C extends ToolContract = ToolContract> {
  readonly contract: C;
  // Method syntax keeps implementations of different contracts assignable to one list.
  run(args: v.InferOutput<C['input']>, ctx: JobContext): Promise<v.InferInput<C['output']>>;
}

export function implementJob<C extends ToolContract>(
  contract: C,
  run: (args: v.InferOutput<C['input']>, ctx: JobContext) => Promise<v.InferInput<C['output']>>,
): JobImplementation<C> {
  if (contract.mode !== 'job')
    throw new Error(`tool ${contract.name} is a ${contract.mode} tool; use implement()`);
  return { contract, run };
}
