// Job calls answered as resumable SSE streams: every event id is `<request key>.<LH_RUNS sequence>`, so a
// stream cut mid-call (client drop, edge crash) resumes with Last-Event-ID on any replica, replayed from
// JetStream with no gap and no duplicate.
import { randomUUID } from 'node:crypto';
import { openRunEventFeed, publishJob, type RunEventFeed, runHandle } from '@longhaul/mesh';
import { LonghaulError, type RunEvent, type RunHandle, toLonghaulError } from '@longhaul/schemas';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EdgePrincipal } from '../auth/principal.js';
import { errorResult } from './error-result.js';
import { claimRun } from './run-claim.js';
import { requestKeyOf, type SessionStore, type StoredCall } from './session-store.js';
import { admitCall, handleResult, type ToolCallDeps, toResult } from './tool-call.js';

/** Clients reconnect this soon after a cut stream (the SSE `retry` field). */
export const STREAM_RETRY_MS = 500;
const KEEP_ALIVE_MS = 15_000;
/** First protocol version whose clients accept the empty priming event that makes a stream resumable. */
const RESUMABLE_PROTOCOL = '2025-11-25';
const EVENT_ID = /^([A-Za-z0-9_-]{1,128})\.(\d{1,15})$/;

export interface StreamedJobCall {
  requestId: string | number;
  name: string;
  args: unknown;
  meta: Record<string, unknown> | undefined;
  progressToken: string | number;
}

export interface JobStreamDeps {
  calls: ToolCallDeps;
  store: SessionStore;
}

/**
 * A single tools/call of a job tool with a progress token from a client that can resume streams; other
 * requests take the other paths.
 */
export function asStreamedJobCall(
  body: unknown,
  headers: Headers,
  deps: Pick<ToolCallDeps, 'registry'>,
): StreamedJobCall | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as Record<string, unknown>;
  if (message.jsonrpc !== '2.0' || message.method !== 'tools/call') return undefined;
  const requestId = message.id;
  if (typeof requestId !== 'string' && (typeof requestId !== 'number' || !Number.isFinite(requestId)))
    return undefined;
  const params = message.params as Record<string, unknown> | undefined;
  if (typeof params !== 'object' || params === null || typeof params.name !== 'string') return undefined;
  if (params.task !== undefined || deps.registry.tool(params.name)?.mode !== 'job') return undefined;
  const args = params.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args)))
    return undefined;
  const meta = params._meta as Record<string, unknown> | undefined;
  const progressToken = meta?.progressToken;
  if (typeof progressToken !== 'string' && typeof progressToken !== 'number') return undefined;
  if (!(headers.get('accept') ?? '').includes('text/event-stream')) return undefined;
  if (!(headers.get('content-type') ?? '').includes('application/json')) return undefined;
  const version = headers.get('mcp-protocol-version');
  if (version === null || version < RESUMABLE_PROTOCOL) return undefined;
  return { requestId, name: params.name, args, meta, progressToken };
}

/** The request key and stream sequence an event id names, or undefined when it is not one of ours. */
export function parseEventId(eventId: string): { requestKey: string; seq: number } | undefined {
  const match = EVENT_ID.exec(eventId);
  return match?.[1] && match[2] ? { requestKey: match[1], seq: Number(match[2]) } : undefined;
}

interface SseWriter {
  event(id: string | undefined, message: unknown, retryMs?: number): void;
  comment(text: string): void;
  close(): void;
}

/** An SSE response whose body `pump` fills; `onCut` runs when the client goes away first. */
function sseResponse(
  sessionId: string,
  pump: (writer: SseWriter) => Promise<void>,
  onCut: () => void,
): Response {
  const encoder = new TextEncoder();
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const writer: SseWriter = {
        event(id, message, retryMs) {
          const data = message === undefined ? '' : JSON.stringify(message);
          write(
            `event: message\n${id ? `id: ${id}\n` : ''}${retryMs ? `retry: ${retryMs}\n` : ''}data: ${data}\n\n`,
          );
        },
        comment: (text) => write(`: ${text}\n\n`),
        close() {
          if (closed) return;
          closed = true;
          controller.close();
        },
      };
      const keepAlive = setInterval(() => writer.comment('keepalive'), KEEP_ALIVE_MS);
      void pump(writer).finally(() => {
        clearInterval(keepAlive);
        writer.close();
      });
    },
    cancel() {
      closed = true;
      onCut();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'mcp-session-id': sessionId,
    },
  });
}

/** The tool result a run's final event stands for, or undefined for events that do not end it. */
function finalResult(event: RunEvent): CallToolResult | undefined {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.kind === 'result') return toResult(data.result);
  if (event.kind === 'failed') return errorResult(LonghaulError.fromWire(data.error));
  if (event.kind === 'cancelled') {
    return errorResult(
      new LonghaulError(
        'cancelled',
        `run ${event.runId} was cancelled: ${String(data.reason ?? 'on request')}`,
      ),
    );
  }
  return undefined;
}

/**
 * Writes the run's events after `afterSeq` as progress notifications and its end as the call's response;
 * at `answerBy` answers with a run handle. Returns when the stream is done or `feed` is stopped.
 */
async function relayRun(
  writer: SseWriter,
  feed: RunEventFeed,
  call: StoredCall,
  requestKey: string,
): Promise<void> {
  let status: RunHandle['status'] = 'accepted';
  let answered = false;
  const respond = (id: string | undefined, result: CallToolResult) => {
    if (answered) return;
    answered = true;
    writer.event(id, { jsonrpc: '2.0', id: call.requestId, result });
  };
  const timer = setTimeout(
    () => {
      respond(undefined, handleResult(runHandle(call.tool, call.runId, status)));
      feed.stop();
    },
    Math.max(0, call.answerBy - Date.now()),
  );
  try {
    for await (const { seq, event } of feed) {
      if (answered) return;
      const id = `${requestKey}.${seq}`;
      if (event.kind === 'started') status = 'running';
      if (event.kind === 'progress' && call.progressToken !== undefined) {
        const p = (event.data ?? {}) as { progress?: number; total?: number; message?: string };
        writer.event(id, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: {
            progressToken: call.progressToken,
            progress: p.progress ?? 0,
            ...(p.total === undefined ? {} : { total: p.total }),
            ...(p.message === undefined ? {} : { message: p.message }),
          },
        });
      }
      const result = finalResult(event);
      if (result) {
        respond(id, result);
        return;
      }
    }
  } finally {
    clearTimeout(timer);
    feed.stop();
  }
}

/** Starts (or, with an idempotency key, joins) the job and streams it. */
export function answerStreamedJobCall(
  deps: JobStreamDeps,
  principal: EdgePrincipal,
  sessionId: string,
  call: StreamedJobCall,
): Response {
  const requestKey = requestKeyOf(call.requestId);
  let feed: RunEventFeed | undefined;
  let cut = false;
  return sseResponse(
    sessionId,
    async (writer) => {
      const { mesh, registry } = deps.calls;
      try {
        const tool = registry.tool(call.name);
        if (!tool)
          throw new LonghaulError('unavailable', `${call.name} is no longer offered; call tools/list`);
        const envelope = {
          ...admitCall(deps.calls, principal, tool, call.args ?? {}, call.meta),
          runId: randomUUID() as string,
        };
        const claim = await claimRun(deps.calls, principal, tool, envelope, call.meta);
        const joined = claim.joined;
        const acceptedSeq = claim.joined
          ? await acceptedSequence(deps.calls, claim.runId)
          : await claim.start((sent) => publishJob(mesh, tool, sent, { acceptedFirst: true }));
        const stored: StoredCall = {
          runId: claim.runId,
          requestId: call.requestId,
          progressToken: call.progressToken,
          tool: tool.name,
          answerBy: Date.now() + deps.calls.jobWaitMs,
          ...(joined ? { joined } : {}),
        };
        await deps.store.saveCall(sessionId, stored);
        deps.calls.metrics.count('longhaul_tool_calls_total', { tool: call.name, outcome: 'ok' });
        // The priming event gives the client a cursor before anything else happens.
        writer.event(`${requestKey}.${acceptedSeq}`, undefined, STREAM_RETRY_MS);
        if (cut) return;
        feed = await openRunEventFeed(mesh.nc, mesh.subjects, claim.runId, acceptedSeq);
        if (cut) return feed.stop();
        await relayRun(writer, feed, stored, requestKey);
      } catch (error) {
        const failure = toLonghaulError(error);
        deps.calls.metrics.count('longhaul_tool_calls_total', { tool: call.name, outcome: failure.code });
        writer.event(undefined, { jsonrpc: '2.0', id: call.requestId, result: errorResult(failure) });
      }
    },
    () => {
      // The client went away: the run goes on; the client may resume the stream on any replica.
      cut = true;
      feed?.stop();
    },
  );
}

/** The LH_RUNS sequence of a run's accepted event: where a joined run's stream starts. */
async function acceptedSequence(deps: ToolCallDeps, runId: string): Promise<number> {
  const jsm = await jetstreamManager(deps.mesh.nc);
  const stored = await jsm.streams
    .getMessage(deps.mesh.subjects.streams.runs, {
      last_by_subj: deps.mesh.subjects.runEvent(runId, 'accepted'),
    })
    .catch(() => null);
  if (!stored) throw new LonghaulError('not_found', `run ${runId} has no stored events; call run_status`);
  return stored.seq;
}

function jsonError(status: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** GET with `Last-Event-ID`: continues a job call's stream after that event, on whichever replica. */
export async function resumeJobStream(
  deps: JobStreamDeps,
  sessionId: string,
  lastEventId: string,
): Promise<Response> {
  const cursor = parseEventId(lastEventId);
  const call = cursor ? await deps.store.loadCall(sessionId, cursor.requestKey) : undefined;
  if (!cursor || !call) {
    return jsonError(
      404,
      `Stream not found: Last-Event-ID "${lastEventId.slice(0, 80)}" names no job call of this session; send the call again (with _meta["longhaul/idempotencyKey"] it joins the same run)`,
    );
  }
  let feed: RunEventFeed | undefined;
  let cut = false;
  return sseResponse(
    sessionId,
    async (writer) => {
      try {
        feed = await openRunEventFeed(deps.calls.mesh.nc, deps.calls.mesh.subjects, call.runId, cursor.seq);
        if (cut) return feed.stop();
        await relayRun(writer, feed, call, cursor.requestKey);
      } catch (error) {
        writer.event(undefined, {
          jsonrpc: '2.0',
          id: call.requestId,
          result: errorResult(toLonghaulError(error)),
        });
      }
    },
    () => {
      cut = true;
      feed?.stop();
    },
  );
}
