// Sends a signed envelope to a call tool's queue group and turns every outcome into a result or a LonghaulError.
import { CallReplySchema, type Envelope, LonghaulError, type ToolDescriptor } from '@longhaul/schemas';
import {
  headers,
  type NatsConnection,
  NoRespondersError,
  RequestError,
  TimeoutError,
} from '@nats-io/transport-node';
import * as v from 'valibot';
import { decodeJson, encodeJson } from './codec.js';
import { type EnvelopeSigner, SIGNATURE_HEADER } from './signing.js';
import type { Subjects } from './subjects.js';

export interface CallToolDeps {
  nc: NatsConnection;
  subjects: Subjects;
  signer: EnvelopeSigner;
}

/** Shortest first attempt for a read tool before it is re-sent to another instance. */
export const MIN_READ_ATTEMPT_MS = 1_000;
/** Read tools with a longer timeout are not retried on timeout: they wait on purpose. */
export const MAX_SPLIT_READ_MS = 10_000;
/** Room left in a NATS message for headers. */
const ENVELOPE_HEADROOM_BYTES = 1_024;

function isNoResponders(error: unknown): boolean {
  if (error instanceof NoRespondersError) return true;
  return error instanceof RequestError && error.isNoResponders();
}

function isTimeout(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  return error instanceof RequestError && error.cause instanceof TimeoutError;
}

/** Refuses an envelope the NATS server would not accept, naming the size and the limit. */
export function checkEnvelopeSize(nc: NatsConnection, tool: ToolDescriptor, body: Uint8Array): void {
  const limit = nc.info?.max_payload;
  if (limit !== undefined && body.byteLength > limit - ENVELOPE_HEADROOM_BYTES) {
    throw new LonghaulError(
      'invalid_argument',
      `the arguments for ${tool.name} are too large for the mesh (${body.byteLength} bytes; NATS allows ${limit}); send less, or pass large content by reference`,
      { data: { bytes: body.byteLength, limit } },
    );
  }
}

function deadlineError(tool: ToolDescriptor): LonghaulError {
  const advice =
    tool.scope === 'read'
      ? 'it is safe to call again'
      : 'it may or may not have taken effect: check its state before calling again';
  return new LonghaulError(
    'deadline_exceeded',
    `${tool.name} did not answer within ${tool.timeoutMs} ms; ${advice}`,
    {
      data: { tool: tool.name, timeoutMs: tool.timeoutMs },
    },
  );
}

async function requestOnce(deps: CallToolDeps, tool: ToolDescriptor, envelope: Envelope, timeoutMs: number) {
  const body = encodeJson(envelope);
  checkEnvelopeSize(deps.nc, tool, body);
  const h = headers();
  h.set(SIGNATURE_HEADER, deps.signer.sign(body));
  h.set('Nats-Msg-Id', envelope.id);
  const reply = await deps.nc.request(deps.subjects.call(tool.service, tool.name), body, {
    timeout: Math.max(1, timeoutMs),
    headers: h,
  });
  const parsed = v.safeParse(CallReplySchema, decodeJson(reply.data));
  if (!parsed.success) {
    throw new LonghaulError(
      'internal',
      `service ${tool.service} sent a reply in an unknown shape for ${tool.name}`,
    );
  }
  if (!parsed.output.ok) throw LonghaulError.fromWire(parsed.output.error);
  return parsed.output.result;
}

/**
 * Calls a tool through its service's queue group until the envelope's deadline.
 * A timed-out first attempt is re-sent once, and only for read-scoped tools, whose repetition is harmless:
 * a call lost with an instance that died before starting it is then answered by another instance.
 */
export async function callTool(
  deps: CallToolDeps,
  tool: ToolDescriptor,
  envelope: Envelope,
): Promise<unknown> {
  let attempt = envelope.attempt;
  for (;;) {
    const remaining = envelope.deadline - Date.now();
    if (remaining <= 0) throw deadlineError(tool);
    // Only quick reads are split into two attempts; a long read (run_wait) gets its whole deadline.
    const retriesOnTimeout =
      tool.scope === 'read' &&
      tool.timeoutMs <= MAX_SPLIT_READ_MS &&
      attempt === 1 &&
      remaining > 2 * MIN_READ_ATTEMPT_MS;
    const attemptMs = retriesOnTimeout ? Math.max(MIN_READ_ATTEMPT_MS, Math.floor(remaining / 2)) : remaining;
    try {
      return await requestOnce(deps, tool, { ...envelope, attempt }, attemptMs);
    } catch (error) {
      if (error instanceof LonghaulError) throw error;
      if (isNoResponders(error)) {
        throw new LonghaulError(
          'unavailable',
          `no instance of service "${tool.service}" is running to serve ${tool.name}; start it (longhaul up restarts services) or try again shortly`,
          { retryable: true, data: { service: tool.service, tool: tool.name } },
        );
      }
      if (isTimeout(error) && retriesOnTimeout) {
        attempt += 1;
        continue;
      }
      if (isTimeout(error)) throw deadlineError(tool);
      throw new LonghaulError('unavailable', `could not reach service "${tool.service}": ${String(error)}`, {
        retryable: true,
      });
    }
  }
}
