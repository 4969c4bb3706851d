// Streamable HTTP sessions of this edge: one transport and protocol server per MCP session.
import { randomUUID } from 'node:crypto';
import { cancelRun, type Logger } from '@longhaul/mesh';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { EdgePrincipal } from '../auth/principal.js';
import {
  answerPlainToolCall,
  asPlainToolCall,
  cancelledRequestId,
  type DirectToolCall,
} from './direct-tool-call.js';
import {
  answerStreamedJobCall,
  asStreamedJobCall,
  type JobStreamDeps,
  parseEventId,
  resumeJobStream,
} from './job-stream.js';
import type { BodyResult } from './read-body.js';
import { rebuildSession } from './session-restore.js';
import { requestKeyOf, type SessionStore } from './session-store.js';

export const DEFAULT_SESSION_IDLE_MS = 60 * 60_000;
export const DEFAULT_MAX_SESSIONS = 10_000;
export const DEFAULT_MAX_SESSIONS_PER_PRINCIPAL = 32;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const SESSION_HEADER = 'mcp-session-id';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  principalId: string;
  lastSeen: number;
  /** Order of last use; unlike a timestamp it never ties, so the least recently used session is well defined. */
  lastUse: number;
}

export interface SessionManagerOptions {
  createServer: () => Server;
  /** Answers plain tools/call requests without the SDK transport (same semantics, less overhead). */
  directToolCall?: DirectToolCall;
  /**
   * Session state in NATS: with it, any replica serves any session, resumes job streams (Last-Event-ID) and
   * cancels job calls another replica started. Without it, sessions live on this edge only.
   */
  shared?: SharedSessions;
  logger: Logger;
  idleMs?: number;
  maxSessions?: number;
  /** A principal opening more sessions than this loses its least recently used one. */
  maxSessionsPerPrincipal?: number;
}

export interface SharedSessions extends JobStreamDeps {
  store: SessionStore;
}

export interface SessionManager {
  /** `readBody` is called for POST only; it enforces the body limit. */
  handle(request: Request, principal: EdgePrincipal, readBody: () => Promise<BodyResult>): Promise<Response>;
  /** Sends `notifications/tools/list_changed` to every open session. */
  broadcastToolsChanged(): void;
  size(): number;
  closeAll(): Promise<void>;
}

function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The params of the initialize request in a body (single message or batch). */
function initializeParams(body: unknown): Record<string, unknown> | undefined {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  const init = messages.find(isInitializeRequest);
  return init ? (init.params as Record<string, unknown>) : undefined;
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const sessions = new Map<string, Session>();
  let uses = 0;
  /** Calls in flight on the direct path, by session and JSON-RPC id, so a cancellation can reach them. */
  const inflight = new Map<string, AbortController>();
  /** Sessions being rebuilt from NATS, so concurrent first requests on this replica share one rebuild. */
  const rebuilding = new Map<string, Promise<Session | undefined>>();
  const shared = options.shared;
  const idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const maxPerPrincipal = options.maxSessionsPerPrincipal ?? DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;

  /** Keeps one principal from holding more than its share: closes its least recently used sessions. */
  const makeRoomFor = async (principalId: string) => {
    const own = [...sessions.entries()]
      .filter(([, s]) => s.principalId === principalId)
      .sort(([, a], [, b]) => a.lastUse - b.lastUse);
    for (const [id] of own.slice(0, Math.max(0, own.length - maxPerPrincipal + 1))) await close(id);
  };

  const close = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.server.close().catch(() => undefined);
  };

  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, session] of sessions) if (session.lastSeen < cutoff) void close(id);
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();

  const forget = (id: string) => {
    sessions.delete(id);
    // The client ended the session (DELETE): no replica may serve it again.
    void shared?.store.removeSession(id).catch((error: unknown) => {
      options.logger.warn('session not removed from NATS', { session: id, error: String(error) });
    });
  };

  /** A session another replica opened (or this one before a restart), rebuilt from its stored initialize. */
  async function adopt(sessionId: string, principal: EdgePrincipal): Promise<Session | undefined> {
    if (!shared) return undefined;
    let pending = rebuilding.get(sessionId);
    if (!pending) {
      pending = (async () => {
        const stored = await shared.store.loadSession(sessionId);
        if (!stored || stored.principalId !== principal.id) return undefined;
        // A rebuilt session counts against the same limits as one opened here.
        await makeRoomFor(principal.id);
        if (sessions.size >= maxSessions) return undefined;
        const server = options.createServer();
        const transport = await rebuildSession(server, sessionId, stored, authInfoOf(principal), forget);
        const session = {
          transport,
          server,
          principalId: stored.principalId,
          lastSeen: Date.now(),
          lastUse: ++uses,
        };
        sessions.set(sessionId, session);
        return session;
      })().finally(() => rebuilding.delete(sessionId));
      rebuilding.set(sessionId, pending);
    }
    return pending;
  }

  /** A notifications/cancelled for a job call in flight anywhere: cancels its run. */
  async function cancelSharedCall(sessionId: string, requestId: string | number, principal: EdgePrincipal) {
    const call = await shared?.store.loadCall(sessionId, requestKeyOf(requestId));
    if (!shared || !call) return false;
    // A call that joined another call's run (same idempotency key) must not cancel it.
    if (call.joined) return true;
    await cancelRun(
      shared.calls.mesh,
      call.runId,
      `the client cancelled the ${call.tool} call`,
      principal.id,
    );
    return true;
  }

  async function open(request: Request, principal: EdgePrincipal, body: unknown): Promise<Response> {
    await makeRoomFor(principal.id);
    if (sessions.size >= maxSessions) {
      return jsonRpcError(
        503,
        -32000,
        'this edge has too many open sessions; retry shortly or use another replica',
        {
          'retry-after': '5',
        },
      );
    }
    const server = options.createServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: async (id) => {
        sessions.set(id, {
          transport,
          server,
          principalId: principal.id,
          lastSeen: Date.now(),
          lastUse: ++uses,
        });
        // Stored before the client hears its session id, so its next request may reach any replica. If NATS
        // is away, the session still works here; other replicas will not know it.
        await shared?.store
          .saveSession(id, {
            principalId: principal.id,
            initialize: initializeParams(body) ?? {},
            createdAt: Date.now(),
          })
          .catch((error: unknown) => {
            options.logger.warn('session not shared: NATS unavailable', {
              session: id,
              error: String(error),
            });
          });
      },
      onsessionclosed: forget,
    });
    await server.connect(transport);
    return transport.handleRequest(request, { parsedBody: body, authInfo: authInfoOf(principal) });
  }

  return {
    async handle(request, principal, readBody) {
      const sessionId = request.headers.get(SESSION_HEADER);
      let body: unknown;
      if (request.method === 'POST') {
        const read = await readBody();
        if (!read.ok) return jsonRpcError(read.status, read.code, read.message);
        body = read.body;
      }
      if (!sessionId) {
        if (request.method === 'POST' && initializeParams(body)) return open(request, principal, body);
        return jsonRpcError(
          400,
          -32000,
          'Bad Request: no Mcp-Session-Id header; start a session with an initialize request first',
        );
      }
      const session = sessions.get(sessionId) ?? (await adopt(sessionId, principal).catch(() => undefined));
      // A session is only visible to the principal that opened it.
      if (!session || session.principalId !== principal.id) {
        return jsonRpcError(
          404,
          -32001,
          'Session not found: it expired or was closed; send a new initialize request',
        );
      }
      session.lastSeen = Date.now();
      session.lastUse = ++uses;
      const lastEventId = request.method === 'GET' ? request.headers.get('last-event-id') : null;
      if (shared && lastEventId && parseEventId(lastEventId)) {
        return resumeJobStream(shared, sessionId, lastEventId);
      }
      const streamed =
        shared && request.method === 'POST'
          ? asStreamedJobCall(body, request.headers, shared.calls)
          : undefined;
      if (shared && streamed) {
        return answerStreamedJobCall(shared, principal, sessionId, streamed);
      }
      const plainCall =
        options.directToolCall && request.method === 'POST'
          ? asPlainToolCall(body, request.headers)
          : undefined;
      if (plainCall && options.directToolCall) {
        const key = `${sessionId}\u0000${plainCall.id}`;
        const controller = new AbortController();
        inflight.set(key, controller);
        // A job call's run is recorded with the session, so a cancellation sent to another replica finds it.
        const onRunStarted = (runId: string) => {
          void shared?.store
            .saveCall(sessionId, { runId, requestId: plainCall.id, tool: plainCall.name, answerBy: 0 })
            .catch(() => undefined);
        };
        try {
          return await answerPlainToolCall(
            plainCall,
            principal,
            options.directToolCall,
            controller.signal,
            onRunStarted,
          );
        } finally {
          inflight.delete(key);
        }
      }
      // A cancellation of a call answered on the direct path is handled here; the SDK never saw that call.
      const cancelledId = request.method === 'POST' ? cancelledRequestId(body) : undefined;
      const direct = cancelledId === undefined ? undefined : inflight.get(`${sessionId}\u0000${cancelledId}`);
      if (direct) {
        direct.abort(new Error('cancelled by the client'));
        return new Response(null, { status: 202 });
      }
      if (cancelledId !== undefined && (await cancelSharedCall(sessionId, cancelledId, principal))) {
        return new Response(null, { status: 202 });
      }
      return session.transport.handleRequest(request, {
        ...(body === undefined ? {} : { parsedBody: body }),
        authInfo: authInfoOf(principal),
      });
    },
    broadcastToolsChanged() {
      for (const [id, session] of sessions) {
        session.server.sendToolListChanged().catch((error: unknown) => {
          options.logger.warn('list_changed not delivered', { session: id, error: String(error) });
        });
      }
    },
    size: () => sessions.size,
    async closeAll() {
      clearInterval(sweeper);
      await Promise.all([...sessions.keys()].map(close));
    },
  };
}

function authInfoOf(principal: EdgePrincipal) {
  return { token: '', clientId: principal.id, scopes: principal.roles, extra: { principal } };
}
