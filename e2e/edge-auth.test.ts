// Edge authentication, host/origin allowlists and RBAC, through real processes and a real MCP client.
import { request } from 'node:http';
import {
  connectMcpClient,
  MESH_SERVICE_ENTRY,
  PROBE_SERVICE_ENTRY,
  PROBE_STARTED_SUBJECT,
  startTestMesh,
} from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

function post(url: string, headers: Record<string, string>, body: unknown = INIT) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** fetch cannot set Host, so this one goes through node:http. */
function statusWithHost(url: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(INIT);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          host,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function textOf(result: object): string {
  const content = (result as { content?: Array<{ text?: string }> }).content ?? [];
  return content[0]?.text ?? '';
}

describe('edge access control', () => {
  let mesh: Awaited<ReturnType<typeof startTestMesh>>;
  let adminToken: string;

  beforeAll(async () => {
    mesh = await startTestMesh({
      services: [
        { entry: MESH_SERVICE_ENTRY, name: 'mesh' },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe' },
      ],
      edgeEnv: { LONGHAUL_ALLOWED_ORIGINS: 'https://agent.example' },
    });
    adminToken = await mesh.createToken('default', ['admin']);
  });
  afterAll(async () => {
    await mesh?.[Symbol.asyncDispose]();
  });

  it('refuses a request without a token with 401 and says how to authenticate', async () => {
    const response = await post(mesh.url, {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/Bearer/);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Authorization: Bearer/);
  });

  it('refuses an unknown, malformed or revoked token with 401', async () => {
    expect(
      (
        await post(mesh.url, {
          authorization: 'Bearer lh_AAAAAAAAAAAA_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        })
      ).status,
    ).toBe(401);
    expect((await post(mesh.url, { authorization: 'Bearer nonsense' })).status).toBe(401);
    expect((await post(mesh.url, { authorization: 'Basic abc' })).status).toBe(401);
    const revoked = await mesh.createToken('default', ['admin']);
    await mesh.revokeToken(revoked);
    const response = await post(mesh.url, { authorization: `Bearer ${revoked}` });
    expect(response.status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const shortLived = await mesh.createToken('default', ['admin'], 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await post(mesh.url, { authorization: `Bearer ${shortLived}` })).status).toBe(401);
  });

  it('refuses a foreign Origin or Host with 403, even with a valid token', async () => {
    const foreign = await post(mesh.url, {
      authorization: `Bearer ${adminToken}`,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/Origin/);
    expect(await statusWithHost(mesh.url, 'evil.example', adminToken)).toBe(403);
    expect(await statusWithHost(mesh.url, `localhost:${mesh.edges[0]?.port}`, adminToken)).toBe(200);
    const allowed = await post(mesh.url, {
      authorization: `Bearer ${adminToken}`,
      origin: 'https://agent.example',
    });
    expect(allowed.status).toBe(200);
  });

  it('lists and calls tools with a valid token', async () => {
    await using mcp = await connectMcpClient(mesh.url, adminToken);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mesh_status', 'mesh_echo', 'probe_exec']),
    );
    const result = await mcp.client.callTool({ name: 'mesh_echo', arguments: { text: 'hello' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ text: 'hello' });
  });

  it('refuses a call outside the principal scopes before any message reaches the service', async () => {
    const nc = await connect({ servers: mesh.nats.url });
    const seen: string[] = [];
    const sub = nc.subscribe(PROBE_STARTED_SUBJECT, {
      callback: (_e, m) => {
        seen.push(m.string());
      },
    });
    await nc.flush();
    const readerToken = await mesh.createToken('default', ['reader']);
    await using reader = await connectMcpClient(mesh.url, readerToken);
    const { tools } = await reader.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('probe_exec');
    const denied = await reader.client.callTool({ name: 'probe_exec', arguments: { id: 'x1' } });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^permission_denied: probe_exec needs the "exec" scope/);
    // A call that is allowed goes through and is seen, proving the observer works.
    await using admin = await connectMcpClient(mesh.url, adminToken);
    const ok = await admin.client.callTool({ name: 'probe_exec', arguments: { id: 'x2' } });
    expect(ok.isError).toBeFalsy();
    await nc.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.map((s) => JSON.parse(s).id)).toEqual(['x2']);
    sub.unsubscribe();
    await nc.close();
  });

  it('does not let another principal use a session', async () => {
    const first = await post(mesh.url, { authorization: `Bearer ${adminToken}` });
    const sessionId = first.headers.get('mcp-session-id');
    expect(sessionId).toBeTruthy();
    const other = await mesh.createToken('default', ['admin']);
    const hijack = await post(
      mesh.url,
      {
        authorization: `Bearer ${other}`,
        'mcp-session-id': sessionId ?? '',
        'mcp-protocol-version': '2025-11-25',
      },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    );
    expect(hijack.status).toBe(404);
  });

  it('accepts Tailscale identity headers only from a trusted proxy, mapped to workspace and roles', async () => {
    const header = { 'tailscale-user-login': 'alice@example.com' };
    expect((await post(mesh.url, header)).status).toBe(401);
    const proxied = await mesh.startEdge({
      LONGHAUL_TRUSTED_PROXIES: '127.0.0.1',
      LONGHAUL_TAILSCALE_IDENTITIES: JSON.stringify({
        'alice@example.com': { workspace: 'default', roles: ['reader'] },
      }),
    });
    expect((await post(proxied.url, header)).status).toBe(200);
    expect((await post(proxied.url, { 'tailscale-user-login': 'mallory@example.com' })).status).toBe(401);
    const init = await post(proxied.url, header);
    const session = init.headers.get('mcp-session-id') ?? '';
    const list = await post(
      proxied.url,
      { ...header, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    );
    const text = await list.text();
    expect(text).toContain('mesh_status');
    expect(text).not.toContain('probe_exec');
  });

  it('reports health, readiness and Prometheus metrics without authentication', async () => {
    const base = mesh.edges[0]?.base ?? '';
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^longhaul_tool_calls_total\{outcome="ok",tool="mesh_echo"\} \d+$/m);
    expect(metrics).toMatch(/^longhaul_http_refused_total\{reason="unauthenticated"\} \d+$/m);
    expect(metrics).toMatch(/^longhaul_tool_call_seconds_bucket\{tool="mesh_echo",le="\+Inf"\} \d+$/m);
    expect(metrics).toMatch(/^longhaul_tools \d+$/m);
  });

  it('speaks protocol 2025-11-25 and negotiates 2025-06-18 for older clients', async () => {
    const headers = { authorization: `Bearer ${adminToken}` };
    const latest = (await (await post(mesh.url, headers)).text()).match(/"protocolVersion":"([^"]+)"/)?.[1];
    expect(latest).toBe('2025-11-25');
    const older = { ...INIT, params: { ...INIT.params, protocolVersion: '2025-06-18' } };
    const negotiated = (await (await post(mesh.url, headers, older)).text()).match(
      /"protocolVersion":"([^"]+)"/,
    )?.[1];
    expect(negotiated).toBe('2025-06-18');
  });
});
