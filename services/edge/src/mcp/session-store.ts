// MCP session state in the `lh_sessions` bucket, so any edge replica can serve a session another one opened:
// the initialize request that opened it, and the job calls in flight on it (for resumption and cancellation).
import type { KV } from '@nats-io/kv';

/** What a replica needs to rebuild a session: whose it is and how the client initialized it. */
export interface StoredSession {
  principalId: string;
  /** The client's initialize params, replayed to rebuild the protocol server. */
  initialize: Record<string, unknown>;
  createdAt: number;
}

/** A job call made on a session: enough to resume its SSE stream or cancel its run on any replica. */
export interface StoredCall {
  runId: string;
  requestId: string | number;
  progressToken?: string | number;
  tool: string;
  /** When the call answers with a run handle instead of waiting longer (epoch ms). */
  answerBy: number;
  /** The call joined a run another call started (same idempotency key): cancelling it leaves the run alone. */
  joined?: boolean;
}

export interface SessionStore {
  saveSession(sessionId: string, session: StoredSession): Promise<void>;
  loadSession(sessionId: string): Promise<StoredSession | undefined>;
  removeSession(sessionId: string): Promise<void>;
  saveCall(sessionId: string, call: StoredCall): Promise<void>;
  loadCall(sessionId: string, requestKey: string): Promise<StoredCall | undefined>;
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** A JSON-RPC request id as a key token: base64url of its JSON, so "1" and 1 stay distinct. */
export function requestKeyOf(requestId: string | number): string {
  return Buffer.from(JSON.stringify(requestId)).toString('base64url');
}

export function createSessionStore(kv: KV): SessionStore {
  const read = async <T>(key: string): Promise<T | undefined> => {
    const entry = await kv.get(key);
    return entry?.operation === 'PUT' ? entry.json<T>() : undefined;
  };
  // Keys come from clients; anything a KV key cannot hold is simply not found.
  const valid = (sessionId: string) => SESSION_ID.test(sessionId);
  return {
    async saveSession(sessionId, session) {
      await kv.put(`s.${sessionId}`, JSON.stringify(session));
    },
    async loadSession(sessionId) {
      return valid(sessionId) ? read<StoredSession>(`s.${sessionId}`) : undefined;
    },
    async removeSession(sessionId) {
      if (valid(sessionId)) await kv.delete(`s.${sessionId}`);
    },
    async saveCall(sessionId, call) {
      await kv.put(`c.${sessionId}.${requestKeyOf(call.requestId)}`, JSON.stringify(call));
    },
    async loadCall(sessionId, requestKey) {
      if (!valid(sessionId) || !SESSION_ID.test(requestKey)) return undefined;
      return read<StoredCall>(`c.${sessionId}.${requestKey}`);
    },
  };
}
