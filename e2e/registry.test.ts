// The live tool registry: tools appear when a service starts and vanish after its last instance is killed.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectMcpClient, PROBE_SERVICE_ENTRY, startTestMesh } from '@longhaul/testing';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';

/** Polls until `check` holds or `limitMs` passes; returns the time it took, or throws. */
async function within(limitMs: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started <= limitMs) {
    if (await check()) return Date.now() - started;
    await sleep(50);
  }
  throw new Error(`${what} did not happen within ${limitMs} ms`);
}

describe('live tool registry', () => {
  it('lists a service within 2 s of its start and drops it within 10 s of SIGKILL of its last instance', async () => {
    await using mesh = await startTestMesh();
    const token = await mesh.createToken('default', ['admin']);
    await using mcp = await connectMcpClient(mesh.url, token);
    let listChanged = 0;
    mcp.client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      listChanged += 1;
    });
    const names = async () => (await mcp.client.listTools()).tools.map((t) => t.name);
    expect(await names()).not.toContain('probe_read');
    // Give the client's standalone SSE stream a moment to open before the change it should hear about.
    await sleep(300);

    const first = await mesh.startService(PROBE_SERVICE_ENTRY, 'probe-1');
    const second = await mesh.startService(PROBE_SERVICE_ENTRY, 'probe-2');
    await within(2_000, 'probe tools appearing', async () => (await names()).includes('probe_read'));
    await within(2_000, 'a list_changed notification', async () => listChanged >= 1);

    await first.kill('SIGKILL');
    await sleep(7_000);
    expect(await names()).toContain('probe_read');
    const before = listChanged;

    await second.kill('SIGKILL');
    await within(10_000, 'probe tools vanishing', async () => !(await names()).includes('probe_read'));
    await within(2_000, 'a second list_changed notification', async () => listChanged > before);
    const gone = await mcp.client
      .callTool({ name: 'probe_read', arguments: { id: 'late' } })
      .catch((e: Error) => e);
    expect(String(gone)).toMatch(/Unknown tool "probe_read"/);
  });
});
