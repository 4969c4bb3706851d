// The hot path: a plain `tools/call` in an open session is answered as JSON without the SDK's stream machinery.
import {
  type CallToolResult,
  McpError,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { EdgePrincipal } from '../auth/principal.js';

export type DirectToolCall = (
  principal: EdgePrincipal,
  name: string,
  args: unknown,
  meta: Record<string, unknown> | undefined,
  signal: AbortSignal,
  onRunStarted: (runId: string) => void,
) => Promise<CallToolResult>;

interface PlainToolCall {
  id: string | number;
  name: string;
  args: unknown;
  meta: Record<string, unknown> | undefined;
}

/**
 * A single tools/call request that needs nothing but a result: no progress token, no task augmentation,
 * a client that accepts JSON and speaks a supported protocol version. Anything else goes through the SDK.
 */
export function asPlainToolCall(body: unknown, headers: Headers): PlainToolCall | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as Record<string, unknown>;
  if (message.jsonrpc !== '2.0' || message.method !== 'tools/call') return undefined;
  const id = message.id;
  if (typeof id !== 'string' && (typeof id !== 'number' || !Number.isFinite(id))) return undefined;
  const params = message.params as Record<string, unknown> | undefined;
  if (typeof params !== 'object' || params === null || typeof params.name !== 'string') return undefined;
  if (params.task !== undefined) return undefined;
  const args = params.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args)))
    return undefined;
  const meta = params._meta as Record<string, unknown> | undefined;
  if (meta !== undefined && (typeof meta !== 'object' || meta === null || meta.progressToken !== undefined)) {
    return undefined;
  }
  // Requests the SDK transport would refuse (406, 415) go to it, so both paths answer alike.
  const accept = headers.get('accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (!(headers.get('content-type') ?? '').includes('application/json')) return undefined;
  const version = headers.get('mcp-protocol-version');
  if (version !== null && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  return { id, name: params.name, args, meta };
}

export async function answerPlainToolCall(
  call: PlainToolCall,
  principal: EdgePrincipal,
  direct: DirectToolCall,
  signal: AbortSignal,
  onRunStarted: (runId: string) => void,
): Promise<Response> {
  let payload: unknown;
  try {
    payload = {
      jsonrpc: '2.0',
      id: call.id,
      result: await direct(principal, call.name, call.args, call.meta, signal, onRunStarted),
    };
  } catch (error) {
    const code = error instanceof McpError ? error.code : -32603;
    const message = error instanceof McpError ? error.message : 'internal error';
    payload = { jsonrpc: '2.0', id: call.id, error: { code, message } };
  }
  return new Response(JSON.stringify(payload), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/** The request id a `notifications/cancelled` message names, if the body is one. */
export function cancelledRequestId(body: unknown): string | number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; params?: { requestId?: unknown } };
  if (message.method !== 'notifications/cancelled') return undefined;
  const id = message.params?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
