// The shipped nats.conf: edge and mesh service work as their own NATS users, and a service cannot take another's calls.
import { join } from 'node:path';
import {
  connectMcpClient,
  MESH_SERVICE_ENTRY,
  REPO_ROOT,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
} from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

const PASSWORDS = {
  RUNS_NATS_PASSWORD: 'runs-secret',
  EDGE_NATS_PASSWORD: 'edge-secret',
  MESH_NATS_PASSWORD: 'mesh-secret',
  TASKS_NATS_PASSWORD: 'tasks-secret',
};

describe('nats.conf permissions', () => {
  it('lets each component do its job and nothing else', async () => {
    await using mesh = await startTestMesh({
      nats: { configFile: join(REPO_ROOT, 'nats.conf'), env: PASSWORDS },
      services: [
        {
          entry: RUNS_SERVICE_ENTRY,
          name: 'runs',
          env: { NATS_USER: 'runs', NATS_PASSWORD: PASSWORDS.RUNS_NATS_PASSWORD },
        },
        {
          entry: MESH_SERVICE_ENTRY,
          name: 'mesh',
          env: { NATS_USER: 'mesh', NATS_PASSWORD: PASSWORDS.MESH_NATS_PASSWORD },
        },
      ],
      edgeEnv: { NATS_USER: 'edge', NATS_PASSWORD: PASSWORDS.EDGE_NATS_PASSWORD },
    });
    const token = await mesh.createToken('default', ['admin']);
    await using mcp = await connectMcpClient(mesh.url, token);
    const status = await mcp.client.callTool({ name: 'mesh_status', arguments: {} });
    expect(status.isError).toBeFalsy();
    expect((status.structuredContent as { services: Array<{ service: string }> }).services[0]?.service).toBe(
      'mesh',
    );

    // The runs service works under its user: its tools answer from its bucket.
    const missing = await mcp.client.callTool({ name: 'run_status', arguments: { runId: 'aaaaaaaa-1111' } });
    expect((missing.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^not_found: no run "aaaaaaaa-1111"/,
    );

    // Without credentials nobody gets in.
    await expect(connect({ servers: mesh.nats.url, reconnect: false })).rejects.toThrow(/Authorization/i);

    // Another service's user may not listen on the mesh service's calls or read the edge's replies.
    const tasks = await connect({
      servers: mesh.nats.url,
      user: 'tasks',
      pass: PASSWORDS.TASKS_NATS_PASSWORD,
    });
    const denied: string[] = [];
    void (async () => {
      for await (const s of tasks.status()) if (s.type === 'error') denied.push(String(s.error));
    })();
    tasks.subscribe('lh.call.mesh.>', { queue: 'svc-mesh' });
    tasks.subscribe('_INBOX.longhaul-edge.>');
    tasks.publish('lh.call.mesh.mesh_status', '{}');
    await tasks.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(denied.join('\n')).toMatch(/Permissions Violation for Subscription to "lh\.call\.mesh\.>"/);
    expect(denied.join('\n')).toMatch(/Permissions Violation for Subscription to "_INBOX\.longhaul-edge\.>"/);
    expect(denied.join('\n')).toMatch(/Permissions Violation for Publish to "lh\.call\.mesh\.mesh_status"/);
    await tasks.close();

    // The edge still serves after all that.
    const echo = await mcp.client.callTool({ name: 'mesh_echo', arguments: { text: 'ok' } });
    expect(echo.structuredContent).toMatchObject({ text: 'ok' });
  });
});
