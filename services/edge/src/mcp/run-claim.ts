// Starting a job run once per idempotency key: every job path of the edge (plain call, resumable stream,
// MCP task) either starts its own run or joins the run that already holds the key.
import { checkEnvelopeSize, encodeJson, idempotencyKeyOf } from '@longhaul/mesh';
import { type Envelope, LonghaulError, type ToolDescriptor } from '@longhaul/schemas';
import type { EdgePrincipal } from '../auth/principal.js';
import type { ToolCallDeps } from './tool-call.js';

export type RunEnvelope = Envelope & { runId: string };

export type RunClaim =
  /** The same request came before: join its run instead of running it twice. */
  | { joined: true; runId: string }
  | {
      joined: false;
      runId: string;
      /** Runs `publish` with the envelope to send; a key is given back if publishing fails unexpectedly. */
      start<T>(publish: (envelope: RunEnvelope) => Promise<T>): Promise<T>;
    };

export async function claimRun(
  deps: Pick<ToolCallDeps, 'mesh' | 'idempotency'>,
  principal: EdgePrincipal,
  tool: ToolDescriptor,
  envelope: RunEnvelope,
  meta: Record<string, unknown> | undefined,
): Promise<RunClaim> {
  const key = idempotencyKeyOf(meta, envelope.args);
  if (key === undefined)
    return { joined: false, runId: envelope.runId, start: (publish) => publish(envelope) };
  const keyed = { ...envelope, idempotencyKey: key };
  // Refused before the key is claimed, so a too-large request cannot hold a key for a run that never was.
  checkEnvelopeSize(deps.mesh.nc, tool, encodeJson(keyed));
  const claim = await deps.idempotency.claim(
    principal.workspace,
    key,
    tool.name,
    envelope.args,
    envelope.runId,
  );
  if (!claim.claimed) return { joined: true, runId: claim.runId };
  return {
    joined: false,
    runId: envelope.runId,
    async start(publish) {
      try {
        return await publish(keyed);
      } catch (error) {
        if (!(error instanceof LonghaulError)) await deps.idempotency.release(principal.workspace, key);
        throw error;
      }
    },
  };
}
