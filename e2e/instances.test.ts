// Several instances of one service share calls, and killing one mid-load loses no call it had not started.

import {
  connectMcpClient,
  instanceIdOf,
  PROBE_SERVICE_ENTRY,
  PROBE_STARTED_SUBJECT,
  startTestMesh,
} from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

interface ProbeResult {
  id: string;
  instance: string;
}

describe('service instances', () => {
  it('share calls and survive SIGKILL of one instance mid-load', async () => {
    await using mesh = await startTestMesh({ services: [] });
    const a = await mesh.startService(PROBE_SERVICE_ENTRY, 'probe-a');
    await mesh.startService(PROBE_SERVICE_ENTRY, 'probe-b');
    const token = await mesh.createToken('default', ['admin']);
    await using mcp = await connectMcpClient(mesh.url, token);
    await mcp.client.listTools();

    const nc = await connect({ servers: mesh.nats.url });
    const startedBy = new Map<string, string[]>();
    nc.subscribe(PROBE_STARTED_SUBJECT, {
      callback: (_e, m) => {
        const { id, instance } = m.json<ProbeResult>();
        startedBy.set(id, [...(startedBy.get(id) ?? []), instance]);
      },
    });
    await nc.flush();

    const call = async (id: string, ms: number) => {
      const result = await mcp.client.callTool({ name: 'probe_read', arguments: { id, ms } });
      if (result.isError) throw new Error(JSON.stringify(result.content));
      return result.structuredContent as unknown as ProbeResult;
    };

    // Sharing: both instances serve part of a burst.
    const warm = await Promise.all(Array.from({ length: 40 }, (_, i) => call(`warm-${i}`, 20)));
    const instances = new Set(warm.map((r) => r.instance));
    expect(instances.size).toBe(2);

    // Kill instance A while 16 clients keep calling.
    const instanceA = instanceIdOf(a);
    expect(instances).toContain(instanceA);
    const total = 240;
    let next = 0;
    let completed = 0;
    let killed = false;
    const results: ProbeResult[] = [];
    const failures: string[] = [];
    const worker = async () => {
      while (next < total) {
        const id = `load-${next++}`;
        try {
          results.push(await call(id, 30));
        } catch (error) {
          failures.push(`${id}: ${String(error)}`);
        }
        completed += 1;
        if (completed === 60 && !killed) {
          killed = true;
          await a.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    // No call is lost: every call got its answer, those queued for the killed instance included.
    expect(failures).toEqual([]);
    expect(new Set(results.map((r) => r.id)).size).toBe(total);
    // Calls in A's hands when it died were answered by B; after the kill only B answers.
    const rescued = [...startedBy.entries()].filter(
      ([, by]) => by[0] === instanceA && by.at(-1) !== instanceA,
    );
    expect(rescued.length).toBeGreaterThan(0);
    for (const [id] of rescued) expect(results.find((r) => r.id === id)?.instance).not.toBe(instanceA);
    expect(results.slice(-50).every((r) => r.instance !== instanceA)).toBe(true);
    await nc.close();
  });
});
