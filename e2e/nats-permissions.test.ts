// The shipped nats.conf: edge and mesh service work as their own NATS users, and a service cannot take another's calls.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectMcpClient,
  MESH_SERVICE_ENTRY,
  makeTempDir,
  PROBE_SERVICE_ENTRY,
  REPO_ROOT,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
  TASKS_SERVICE_ENTRY,
} from '@longhaul/testing';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

const PASSWORDS = {
  RUNS_NATS_PASSWORD: 'runs-secret',
  EDGE_NATS_PASSWORD: 'edge-secret',
  MESH_NATS_PASSWORD: 'mesh-secret',
  TASKS_NATS_PASSWORD: 'tasks-secret',
  SANDBOX_NATS_PASSWORD: 'sandbox-secret',
  PROBE_NATS_PASSWORD: 'probe-secret',
};

/** A service started as its own NATS user, with that user's password from PASSWORDS. */
function asUser(entry: string, user: 'runs' | 'mesh' | 'tasks' | 'probe') {
  const password = PASSWORDS[`${user.toUpperCase()}_NATS_PASSWORD` as keyof typeof PASSWORDS];
  return { entry, name: user, env: { NATS_USER: user, NATS_PASSWORD: password } };
}

/** nats.conf plus its job-service template instantiated for the probe service, as an operator would. */
function configWithProbeUser(dir: string): string {
  const conf = readFileSync(join(REPO_ROOT, 'nats.conf'), 'utf8');
  const begin = conf.indexOf('    # BEGIN job-service template');
  const end = conf.indexOf('    # END job-service template');
  if (begin < 0 || end < 0) throw new Error('nats.conf lost its job-service template markers');
  const probeUser = conf.slice(begin, end).replaceAll('sandbox', 'probe').replaceAll('SANDBOX', 'PROBE');
  const path = join(dir, 'nats.conf');
  writeFileSync(path, `${conf.slice(0, end)}${probeUser}${conf.slice(end)}`);
  return path;
}

describe('nats.conf permissions', () => {
  it('lets each component do its job and nothing else', async () => {
    await using mesh = await startTestMesh({
      nats: { configFile: join(REPO_ROOT, 'nats.conf'), env: PASSWORDS },
      services: [
        asUser(RUNS_SERVICE_ENTRY, 'runs'),
        asUser(MESH_SERVICE_ENTRY, 'mesh'),
        asUser(TASKS_SERVICE_ENTRY, 'tasks'),
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

    // The tasks service works under the call-service template: it writes and publishes its events.
    const created = await mcp.client.callTool({
      name: 'task_create',
      arguments: { tasks: [{ title: 'x' }] },
    });
    expect(created.structuredContent).toMatchObject({ created: ['1'] });

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

  it('runs job tools under a user made from the job-service template', async () => {
    const dir = makeTempDir('nats-conf');
    try {
      await using mesh = await startTestMesh({
        nats: { configFile: configWithProbeUser(dir.path), env: PASSWORDS },
        services: [asUser(RUNS_SERVICE_ENTRY, 'runs'), asUser(PROBE_SERVICE_ENTRY, 'probe')],
        edgeEnv: { NATS_USER: 'edge', NATS_PASSWORD: PASSWORDS.EDGE_NATS_PASSWORD },
      });
      const token = await mesh.createToken('default', ['admin']);
      await using mcp = await connectMcpClient(mesh.url, token);
      const progress: number[] = [];
      const result = await mcp.client.callTool(
        { name: 'probe_steps', arguments: { steps: 3, artifact: 'made under the template user' } },
        CallToolResultSchema,
        { onprogress: (p) => void progress.push(p.progress) },
      );
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ steps: 3, attempt: 1 });
      expect(progress).toEqual([1, 2, 3]);
      const failed = await mcp.client.callTool({
        name: 'probe_steps',
        arguments: { steps: 1, failWith: 'invalid_argument' },
      });
      expect((failed.content as Array<{ text: string }>)[0]?.text).toMatch(/^invalid_argument/);
    } finally {
      dir.remove();
    }
  });
});
