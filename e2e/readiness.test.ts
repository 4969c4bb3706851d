// Readiness follows the NATS connection: an outage makes /readyz fail, and edge and services recover after it.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectMcpClient, startTestMesh } from '@longhaul/testing';
import { describe, expect, it } from 'vitest';

describe('readiness across a NATS outage', () => {
  it('reports not ready while NATS is down and serves calls again once it is back', async () => {
    await using mesh = await startTestMesh();
    const token = await mesh.createToken('default', ['admin']);
    const readyz = `${mesh.edges[0]?.base}/readyz`;
    expect((await fetch(readyz)).status).toBe(200);

    const outage = mesh.nats.restart('SIGKILL', 3_000);
    let sawNotReady = '';
    for (let i = 0; i < 50 && !sawNotReady; i += 1) {
      const response = await fetch(readyz);
      if (response.status === 503) sawNotReady = await response.text();
      else await sleep(50);
    }
    expect(sawNotReady).toMatch(/NATS is not connected/);
    await outage;

    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i += 1) {
      status = (await fetch(readyz)).status;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
    await using mcp = await connectMcpClient(mesh.url, token);
    let answer: unknown;
    for (let i = 0; i < 100 && !answer; i += 1) {
      const result = await mcp.client
        .callTool({ name: 'mesh_echo', arguments: { text: 'back' } })
        .catch(() => undefined);
      if (result && !result.isError) answer = result.structuredContent;
      else await sleep(100);
    }
    expect(answer).toMatchObject({ text: 'back' });
  });
});
