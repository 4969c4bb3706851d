// The edge's HTTP surface: /mcp behind host/origin checks and authentication, plus health and metrics.

import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Authenticator } from './auth/authenticate.js';
import { type HostOriginPolicy, hostOriginProblem } from './auth/host-origin-guard.js';
import { readJsonBody } from './mcp/read-body.js';
import type { SessionManager } from './mcp/session-manager.js';
import type { EdgeMetrics } from './observability/metrics.js';

export interface EdgeAppDeps {
  sessions: SessionManager;
  authenticator: Authenticator;
  hostOrigin: HostOriginPolicy;
  metrics: EdgeMetrics;
  maxBodyBytes: number;
  /** Why the edge is not ready, or undefined when it is. */
  notReadyReason: () => string | undefined;
}

function jsonRpcError(
  status: 401 | 403,
  code: number,
  message: string,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function createEdgeApp(deps: EdgeAppDeps): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.text('ok'));
  app.get('/readyz', (c) => {
    const reason = deps.notReadyReason();
    return reason ? c.text(`not ready: ${reason}`, 503) : c.text('ready');
  });
  app.get('/metrics', (c) =>
    c.body(deps.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );

  app.all('/mcp', async (c) => {
    const request = c.req.raw;
    deps.metrics.count('longhaul_http_requests_total', { method: request.method });
    const problem = hostOriginProblem(
      deps.hostOrigin,
      request.headers.get('host'),
      request.headers.get('origin'),
    );
    if (problem) {
      deps.metrics.count('longhaul_http_refused_total', { reason: 'host_origin' });
      return jsonRpcError(403, -32003, `Forbidden: ${problem}`);
    }
    const peer = getConnInfo(c).remote.address;
    const auth = await deps.authenticator.authenticate(request.headers, peer);
    if (!auth.ok) {
      deps.metrics.count('longhaul_http_refused_total', { reason: 'unauthenticated' });
      return jsonRpcError(401, -32001, `Unauthorized: ${auth.reason}`, {
        'www-authenticate': 'Bearer realm="longhaul", error="invalid_token"',
      });
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const source = incoming ?? (request.body as unknown as AsyncIterable<Uint8Array> | null);
    return deps.sessions.handle(request, auth.principal, () =>
      readJsonBody(source, request.headers.get('content-length'), deps.maxBodyBytes),
    );
  });

  app.notFound((c) =>
    c.text('not found: the MCP endpoint is /mcp; health at /healthz, /readyz, /metrics', 404),
  );
  return app;
}
