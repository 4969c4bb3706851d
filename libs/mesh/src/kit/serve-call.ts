// Serves one call message: verify signature, parse envelope, validate, run the handler, reply.
import {
  type CallReply,
  EnvelopeSchema,
  type ErrorCode,
  LonghaulError,
  toLonghaulError,
} from '@longhaul/schemas';
import type { ServiceMsg } from '@nats-io/services';
import * as v from 'valibot';
import { decodeJson, encodeJson } from '../codec.js';
import type { Logger } from '../logger.js';
import { type EnvelopeVerifier, SIGNATURE_HEADER } from '../signing.js';
import { parseArguments } from '../validation.js';
import type { ToolImplementation } from './tool-implementation.js';

/** HTTP-like numbers for the micro service error headers (`Nats-Service-Error-Code`), readable with `nats req`. */
const MICRO_ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  conflict: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  cancelled: 499,
  internal: 500,
  unavailable: 503,
  deadline_exceeded: 504,
};

export interface ServeCallDeps {
  verifier: EnvelopeVerifier;
  instance: string;
  logger: Logger;
  /** Aborted when the service stops; in-flight handlers see it through ctx.signal. */
  stopSignal: AbortSignal;
}

/** Aborts at the deadline or when the service stops; `release` frees the timer once the call is done. */
function callSignal(remainingMs: number, stopSignal: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onStop = () => controller.abort(stopSignal.reason);
  const timer = setTimeout(() => {
    controller.abort(new LonghaulError('deadline_exceeded', 'the call deadline passed'));
  }, remainingMs);
  stopSignal.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      stopSignal.removeEventListener('abort', onStop);
    },
  };
}

function respondError(msg: ServiceMsg, error: LonghaulError): void {
  const reply: CallReply = { ok: false, error: error.toWire() };
  msg.respondError(MICRO_ERROR_STATUS[error.code], error.code, encodeJson(reply));
}

export async function serveCall(
  msg: ServiceMsg,
  impl: ToolImplementation,
  deps: ServeCallDeps,
): Promise<void> {
  const tool = impl.contract.name;
  try {
    if (!deps.verifier.verify(msg.data, msg.headers?.get(SIGNATURE_HEADER))) {
      throw new LonghaulError(
        'unauthenticated',
        `the envelope for ${tool} has no valid edge signature; calls must come through a Longhaul edge whose public key this service trusts`,
      );
    }
    const parsed = v.safeParse(EnvelopeSchema, decodeJson(msg.data));
    if (!parsed.success) {
      throw new LonghaulError(
        'invalid_argument',
        `malformed envelope for ${tool}: ${parsed.issues[0]?.message}`,
      );
    }
    const envelope = parsed.output;
    const remainingMs = envelope.deadline - Date.now();
    if (remainingMs <= 0) {
      throw new LonghaulError(
        'deadline_exceeded',
        `the deadline for ${tool} passed before the service received it`,
      );
    }
    const args = parseArguments(impl.contract.input, envelope.args, tool);
    const { signal, release } = callSignal(remainingMs, deps.stopSignal);
    try {
      const result = await impl.handler(args, {
        envelope,
        principal: envelope.principal,
        workspace: envelope.workspace,
        signal,
        instance: deps.instance,
      });
      const reply: CallReply = { ok: true, result };
      msg.respond(encodeJson(reply));
    } finally {
      release();
    }
  } catch (error) {
    const failure = toLonghaulError(error);
    if (failure.code === 'internal') deps.logger.error('tool handler failed', { tool, error: String(error) });
    respondError(msg, failure);
  }
}
