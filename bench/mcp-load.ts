// A lean MCP load client for benchmarks: raw HTTP JSON-RPC over keep-alive connections, one session per client.
import { Agent, request } from 'undici';

const ACCEPT = 'application/json, text/event-stream';

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  calls: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

async function rpc(agent: Agent, target: LoadTarget, session: string | undefined, body: unknown) {
  const response = await request(target.url, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      ...target.headers,
      'content-type': 'application/json',
      accept: ACCEPT,
      ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

export async function openSession(agent: Agent, target: LoadTarget): Promise<string> {
  const init = await rpc(agent, target, undefined, {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
  });
  const session = init.headers['mcp-session-id'];
  if (typeof session !== 'string')
    throw new Error(`no session from ${target.url}: ${init.status} ${init.text}`);
  await rpc(agent, target, session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  return session;
}

/** Runs `clients` concurrent sessions calling `tool` for `seconds`, each waiting for its answer before the next. */
export async function runLoad(
  target: LoadTarget,
  tool: string,
  args: unknown,
  clients: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new Agent({ connections: clients, pipelining: 1 });
  const sessions = await Promise.all(Array.from({ length: clients }, () => openSession(agent, target)));
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    sessions.map(async (session) => {
      let id = 1;
      while (performance.now() < until) {
        const t0 = performance.now();
        const reply = await rpc(agent, target, session, {
          jsonrpc: '2.0',
          id: id++,
          method: 'tools/call',
          params: { name: tool, arguments: args },
        });
        latenciesMs.push(performance.now() - t0);
        if (reply.status !== 200 || reply.text.includes('"isError":true') || reply.text.includes('"error"'))
          errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  return { calls: latenciesMs.length, errors, seconds: elapsed, latenciesMs };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
