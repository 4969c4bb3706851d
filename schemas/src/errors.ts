// The one error type of Longhaul: a stable string code that survives NATS and the edge intact.
import * as v from 'valibot';

/** Every error code a Longhaul component may send; clients branch on these, never on messages. */
export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'conflict',
  'permission_denied',
  'unauthenticated',
  'resource_exhausted',
  'deadline_exceeded',
  'unavailable',
  'cancelled',
  'failed_precondition',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set([
  'unavailable',
  'deadline_exceeded',
  'resource_exhausted',
]);

export const WireErrorSchema = v.object({
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  retryable: v.boolean(),
  data: v.optional(v.unknown()),
});

/** The JSON form of an error as it crosses NATS. */
export type WireError = v.InferOutput<typeof WireErrorSchema>;

export interface LonghaulErrorOptions {
  retryable?: boolean;
  data?: unknown;
  cause?: unknown;
}

/** The single error base: construct with a code and an actionable message. */
export class LonghaulError extends Error {
  override readonly name = 'LonghaulError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly data: unknown;

  constructor(code: ErrorCode, message: string, options: LonghaulErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.data = options.data;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.data !== undefined) wire.data = this.data;
    return wire;
  }

  /** Rebuilds an error from its wire form; anything unrecognisable becomes `internal`. */
  static fromWire(value: unknown): LonghaulError {
    const parsed = v.safeParse(WireErrorSchema, value);
    if (!parsed.success) {
      return new LonghaulError('internal', 'a service sent an error in an unknown shape', { data: value });
    }
    const { code, message, retryable, data } = parsed.output;
    return new LonghaulError(code, message, { retryable, data });
  }
}

/** Wraps anything thrown into a LonghaulError; unknown failures become `internal` with no leaked detail. */
export function toLonghaulError(error: unknown): LonghaulError {
  if (error instanceof LonghaulError) return error;
  return new LonghaulError('internal', 'internal error; the failure was logged by the service', {
    cause: error,
  });
}
