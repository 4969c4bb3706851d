// Any edge replica serves any session: a session opened on one replica works on another, a job's SSE stream
// cut by SIGKILL of its edge resumes (Last-Event-ID) on another replica with every remaining event exactly
// once, and a cancellation sent to a third replica stops the run. The client's fetch plays the load
// balancer: it sends each request to whichever replica is current.
import {
  PROBE_SERVICE_ENTRY,
  PROBE_STEP_SUBJECT,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
  type TestEdge,
  type TestMesh,
} from '@longhaul/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Step {
  runId: string;
  step: number;
  attempt: number;
}

/** An MCP client behind a stand-in load balancer whose current replica the test chooses. */
async function balancedClient(token: string, first: TestEdge) {
  let current = first;
  const transport = new StreamableHTTPClientTransport(new URL(first.url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: (url, init) => {
      const target = new URL(String(url));
      target.port = String(current.port);
      return fetch(target, init);
    },
    reconnectionOptions: {
      initialReconnectionDelay: 200,
      maxReconnectionDelay: 1_000,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 5,
    },
  });
  const client = new Client({ name: 'replica-test', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    route(edge: TestEdge) {
      current = edge;
    },
    async [Symbol.asyncDispose]() {
      await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}

describe('edge replicas', () => {
  let mesh: TestMesh;
  let token: string;
  let nc: NatsConnection;
  const steps: Step[] = [];

  beforeAll(async () => {
    mesh = await startTestMesh({
      services: [
        { entry: RUNS_SERVICE_ENTRY, name: 'runs' },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe' },
      ],
      edgeEnv: { LONGHAUL_JOB_WAIT_MS: '30000' },
    });
    await mesh.startEdge();
    await mesh.startEdge();
    token = await mesh.createToken('default', ['admin']);
    nc = await connect({ servers: mesh.nats.url });
    nc.subscribe(PROBE_STEP_SUBJECT, { callback: (_e, m) => void steps.push(m.json<Step>()) });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.close();
    await mesh?.[Symbol.asyncDispose]();
  });

  const edge = (i: number) => {
    const found = mesh.edges[i];
    if (!found) throw new Error(`no edge ${i}`);
    return found;
  };

  it('serves a session opened on one replica from another, and only to its principal', async () => {
    await using lb = await balancedClient(token, edge(1));
    lb.route(edge(2));
    const { tools } = await lb.client.listTools();
    expect(tools.map((t) => t.name)).toContain('probe_read');
    const result = await lb.client.callTool({ name: 'probe_read', arguments: { id: 'on-replica-2' } });
    expect(result.structuredContent).toMatchObject({ id: 'on-replica-2' });

    const sessionId = lb.transport.sessionId ?? '';
    const stranger = await mesh.createToken('default', ['admin']);
    const response = await fetch(edge(2).url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stranger}`,
        'mcp-session-id': sessionId,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Session not found');
  });

  it('forgets a session the client ended, on every replica', async () => {
    const lb = await balancedClient(token, edge(1));
    const sessionId = lb.transport.sessionId ?? '';
    await lb.transport.terminateSession();
    await lb.client.close();
    const response = await fetch(edge(2).url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'mcp-session-id': sessionId,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
  });

  it('cancels a job through a replica other than the one streaming it', async () => {
    await using lb = await balancedClient(token, edge(1));
    const controller = new AbortController();
    let firstProgress: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      firstProgress = resolve;
    });
    const call = lb.client
      .callTool({ name: 'probe_steps', arguments: { steps: 200, stepMs: 100 } }, CallToolResultSchema, {
        signal: controller.signal,
        onprogress: () => firstProgress(),
      })
      .catch((error: unknown) => error);
    await started;
    lb.route(edge(2));
    controller.abort('the test changed its mind');
    expect(String(await call)).toMatch(/abort|changed its mind/i);
    const runId = steps.at(-1)?.runId ?? '';
    let status = '';
    for (let i = 0; i < 20 && status !== 'cancelled'; i += 1) {
      const run = await lb.client.callTool({ name: 'run_wait', arguments: { runId, seconds: 1 } });
      status = (run.structuredContent as { status: string }).status;
    }
    expect(status).toBe('cancelled');
  });

  it('resumes a job stream on another replica after SIGKILL of its edge: every event and the result once', async () => {
    await using lb = await balancedClient(token, edge(0));
    const progress: number[] = [];
    let killed = false;
    const result = await lb.client.callTool(
      { name: 'probe_steps', arguments: { steps: 12, stepMs: 150 } },
      CallToolResultSchema,
      {
        timeout: 60_000,
        onprogress: (p) => {
          progress.push(p.progress);
          if (p.progress === 4 && !killed) {
            killed = true;
            lb.route(edge(1));
            void edge(0).process.kill('SIGKILL');
          }
        },
      },
    );
    expect(killed).toBe(true);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ steps: 12, attempt: 1, resumedFrom: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The worker never stopped: each step ran once.
    const runSteps = steps.filter((s) => s.runId === steps.at(-1)?.runId).map((s) => s.step);
    expect(runSteps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('refuses a Last-Event-ID that names no call of the session', async () => {
    await using lb = await balancedClient(token, edge(1));
    const response = await fetch(edge(2).url, {
      headers: {
        authorization: `Bearer ${token}`,
        'mcp-session-id': lb.transport.sessionId ?? '',
        accept: 'text/event-stream',
        'last-event-id': 'bm9wZQ.42',
      },
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Stream not found');
  });
});
