// Malformed requests, wrong arguments and a random-payload fuzz run: every one answered clearly, the edge still serving.
import { connectMcpClient, startTestMesh, type TestMesh } from '@longhaul/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAX_BODY = 8192;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface RpcError {
  error?: { code: number; message: string };
}

/** Deterministic pseudo-random numbers so a failing fuzz case can be reproduced from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomValue(rand: () => number, depth = 0): unknown {
  const kind = Math.floor(rand() * (depth > 2 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return Math.floor(rand() * 2 ** 40) * (rand() < 0.5 ? -1 : 1);
    case 3:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * 0xd7ff)),
      );
    case 4:
      return ['tools/call', 'tools/list', 'initialize', 'ping', '2.0', 'mesh_echo', 'text'][
        Math.floor(rand() * 7)
      ];
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default: {
      const keys = ['jsonrpc', 'id', 'method', 'params', 'name', 'arguments', 'text', '_meta', 'x'];
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 5) }, () => [
          keys[Math.floor(rand() * keys.length)] ?? 'x',
          randomValue(rand, depth + 1),
        ]),
      );
    }
  }
}

function randomPayload(rand: () => number): string {
  const mode = Math.floor(rand() * 4);
  if (mode === 0) {
    return Buffer.from(
      Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)),
    ).toString('latin1');
  }
  if (mode === 1) return JSON.stringify(randomValue(rand));
  const message: Record<string, unknown> = {
    jsonrpc: rand() < 0.9 ? '2.0' : randomValue(rand),
    id: rand() < 0.8 ? Math.floor(rand() * 1000) : randomValue(rand),
    method: rand() < 0.7 ? (rand() < 0.5 ? 'tools/call' : 'tools/list') : randomValue(rand),
    params:
      rand() < 0.6
        ? { name: rand() < 0.5 ? 'mesh_echo' : randomValue(rand), arguments: randomValue(rand) }
        : randomValue(rand),
  };
  const text = JSON.stringify(mode === 3 ? [message, randomValue(rand)] : message);
  return rand() < 0.1 ? text.slice(0, Math.floor(rand() * text.length)) : text;
}

describe('bad input', () => {
  let mesh: TestMesh;
  let token: string;
  let sessionHeaders: Record<string, string>;

  beforeAll(async () => {
    mesh = await startTestMesh({
      edgeEnv: {
        LONGHAUL_MAX_BODY_BYTES: String(MAX_BODY),
        LONGHAUL_RATE_PER_SECOND: '100000',
        LONGHAUL_RATE_BURST: '100000',
      },
    });
    token = await mesh.createToken('default', ['admin']);
    const init = await fetch(mesh.url, {
      method: 'POST',
      headers: { ...HEADERS, authorization: `Bearer ${token}` },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'fuzz', version: '1' },
        },
      }),
    });
    await init.text();
    sessionHeaders = {
      ...HEADERS,
      authorization: `Bearer ${token}`,
      'mcp-session-id': init.headers.get('mcp-session-id') ?? '',
      'mcp-protocol-version': '2025-11-25',
    };
    await fetch(mesh.url, {
      method: 'POST',
      headers: sessionHeaders,
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
  });
  afterAll(async () => {
    await mesh?.[Symbol.asyncDispose]();
  });

  const send = (body: string, headers = sessionHeaders) => fetch(mesh.url, { method: 'POST', headers, body });

  it('answers malformed JSON with 400 and a parse error', async () => {
    const response = await send('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as RpcError;
    expect(body.error?.code).toBe(-32700);
    expect(body.error?.message).toMatch(/not valid JSON/);
  });

  it('answers a body that is not JSON-RPC with 400', async () => {
    const response = await send(JSON.stringify({ hello: 'world' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as RpcError).error?.message).toMatch(/JSON-RPC/);
  });

  it('answers a body over the limit with 413 and says the limit', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'mesh_echo', arguments: { text: 'x'.repeat(MAX_BODY) } },
    });
    const response = await send(big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as RpcError).error?.message).toMatch(
      new RegExp(`larger than ${MAX_BODY} bytes`),
    );
  });

  it('reports every wrong argument with its path', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const wrongType = await mcp.client.callTool({ name: 'mesh_echo', arguments: { text: 5, extra: true } });
    expect(wrongType.isError).toBe(true);
    const text = (wrongType.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(text).toMatch(/^invalid_argument: invalid arguments for mesh_echo/);
    expect(text).toMatch(/- text: must be string/);
    expect(text).toMatch(/unknown property "extra"; remove it/);
    const missing = await mcp.client.callTool({ name: 'mesh_echo', arguments: {} });
    expect((missing.content as Array<{ text: string }>)[0]?.text).toMatch(/- text: is required/);
    const pattern = await mcp.client.callTool({ name: 'mesh_status', arguments: { service: 'Not A Name' } });
    expect((pattern.content as Array<{ text: string }>)[0]?.text).toMatch(/- service: /);
  });

  it('names an unknown tool and points to tools/list', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const error = await mcp.client.callTool({ name: 'mesh_stats', arguments: {} }).catch((e: Error) => e);
    expect(String(error)).toMatch(/Unknown tool "mesh_stats".*Did you mean mesh_status/);
  });

  it('survives 1,000 random payloads with a clear answer to each, then still serves', async () => {
    const rand = random(20261124);
    const allowed = new Set([200, 202, 400, 404, 406, 413, 415]);
    for (let i = 0; i < 1000; i += 1) {
      const payload = randomPayload(rand);
      const headers = i % 10 === 0 ? { ...HEADERS, authorization: `Bearer ${token}` } : sessionHeaders;
      const response = await send(payload, headers);
      const text = await response.text();
      if (!allowed.has(response.status))
        throw new Error(`payload #${i} got ${response.status}: ${payload}\n${text}`);
      if (response.status === 200) expect(text, `payload #${i}`).toMatch(/"jsonrpc":"2.0"/);
      if (response.status >= 400) {
        const body = JSON.parse(text) as RpcError;
        expect(body.error?.message.length, `payload #${i}: ${payload}`).toBeGreaterThan(10);
      }
    }
    await using mcp = await connectMcpClient(mesh.url, token);
    const ok = await mcp.client.callTool({ name: 'mesh_echo', arguments: { text: 'still here' } });
    expect(ok.structuredContent).toMatchObject({ text: 'still here' });
    const health = await fetch(`${mesh.edges[0]?.base}/healthz`);
    expect(health.status).toBe(200);
  });
});
