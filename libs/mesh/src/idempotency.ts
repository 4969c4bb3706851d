// Idempotency keys for job calls: the first call with a key claims it for its run; repeats join that run.
import { createHash } from 'node:crypto';
import { LonghaulError } from '@longhaul/schemas';
import type { KV } from '@nats-io/kv';

export const IDEMPOTENCY_META_KEY = 'longhaul/idempotencyKey';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

interface Claim {
  runId: string;
  tool: string;
  fingerprint: string;
}

export type ClaimOutcome = { claimed: true } | { claimed: false; runId: string };

/** JSON with object keys sorted, so equal arguments give equal fingerprints. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key a caller sent in `_meta["longhaul/idempotencyKey"]` or an `idempotencyKey` argument, checked. */
export function idempotencyKeyOf(
  meta: Record<string, unknown> | undefined,
  args: unknown,
): string | undefined {
  const fromArgs =
    args !== null && typeof args === 'object' ? (args as Record<string, unknown>).idempotencyKey : undefined;
  const key = meta?.[IDEMPOTENCY_META_KEY] ?? fromArgs;
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new LonghaulError(
      'invalid_argument',
      `idempotency key ${JSON.stringify(key)} must be 1-128 characters of letters, digits, "_", ".", ":" or "-"`,
    );
  }
  return key;
}

export interface Idempotency {
  /** Claims `key` for `runId`, or names the run that holds it; a different tool or arguments is a conflict. */
  claim(workspace: string, key: string, tool: string, args: unknown, runId: string): Promise<ClaimOutcome>;
  release(workspace: string, key: string): Promise<void>;
}

export function createIdempotency(kv: KV): Idempotency {
  const slot = (workspace: string, key: string) => sha256(`${workspace}\u0000${key}`);
  return {
    async claim(workspace, key, tool, args, runId) {
      const fingerprint = sha256(`${tool}\u0000${canonical(args)}`);
      const mine: Claim = { runId, tool, fingerprint };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          await kv.create(slot(workspace, key), JSON.stringify(mine));
          return { claimed: true };
        } catch {
          const entry = await kv.get(slot(workspace, key));
          // Released between our create and get: try to claim again.
          if (entry?.operation !== 'PUT') continue;
          const held = entry.json<Claim>();
          if (held.fingerprint !== fingerprint) {
            throw new LonghaulError(
              'conflict',
              `idempotency key "${key}" was already used for ${held.tool} with other arguments (run ${held.runId}); use a new key for a new request, or repeat the original arguments`,
              { data: { key, runId: held.runId } },
            );
          }
          return { claimed: false, runId: held.runId };
        }
      }
      throw new LonghaulError('unavailable', `idempotency key "${key}" is changing hands; retry`, {
        retryable: true,
      });
    },
    async release(workspace, key) {
      await kv.delete(slot(workspace, key)).catch(() => undefined);
    },
  };
}
