// Each way a call can fail through the edge gives its own stable code and an actionable message.
import { connectMcpClient, PROBE_SERVICE_ENTRY, startTestMesh, type TestMesh } from '@longhaul/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function errorOf(result: object): { text: string; code?: string } {
  const r = result as {
    isError?: boolean;
    content?: Array<{ text?: string }>;
    _meta?: Record<string, { code?: string }>;
  };
  expect(r.isError).toBe(true);
  return { text: r.content?.[0]?.text ?? '', code: r._meta?.['longhaul/error']?.code };
}

describe('call errors through the edge', () => {
  let mesh: TestMesh;
  let token: string;

  beforeAll(async () => {
    mesh = await startTestMesh({ services: [{ entry: PROBE_SERVICE_ENTRY, name: 'probe' }] });
    token = await mesh.createToken('default', ['admin']);
  });
  afterAll(async () => {
    await mesh?.[Symbol.asyncDispose]();
  });

  it('passes a service error through with its code, message and data', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const result = await mcp.client.callTool({
      name: 'probe_fail',
      arguments: { code: 'conflict', message: 'task 7 changed since version 3; re-read it and retry' },
    });
    const error = errorOf(result);
    expect(error.code).toBe('conflict');
    expect(error.text).toBe('conflict: task 7 changed since version 3; re-read it and retry');
  });

  it('says when a tool with side effects timed out that it may have run', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const result = await mcp.client.callTool({ name: 'probe_exec', arguments: { id: 'slow', ms: 7_000 } });
    const error = errorOf(result);
    expect(error.code).toBe('deadline_exceeded');
    expect(error.text).toMatch(
      /probe_exec did not answer within 5000 ms; it may or may not have taken effect/,
    );
  });

  it('rate-limits a workspace with the wait to retry after, leaving other workspaces alone', async () => {
    const limited = await mesh.startEdge({ LONGHAUL_RATE_PER_SECOND: '1', LONGHAUL_RATE_BURST: '2' });
    await using mcp = await connectMcpClient(limited.url, token);
    const results = [];
    for (let i = 0; i < 3; i += 1) {
      results.push(await mcp.client.callTool({ name: 'probe_read', arguments: { id: `r${i}` } }));
    }
    expect(results.slice(0, 2).every((r) => !r.isError)).toBe(true);
    const error = errorOf(results[2] as object);
    expect(error.code).toBe('resource_exhausted');
    expect(error.text).toMatch(
      /^resource_exhausted \(retryable\): workspace "default" is over its call rate; retry in \d+ ms/,
    );
    const otherToken = await mesh.createToken('other', ['admin']);
    await using other = await connectMcpClient(limited.url, otherToken);
    expect(
      (await other.client.callTool({ name: 'probe_read', arguments: { id: 'o1' } })).isError,
    ).toBeFalsy();
  });

  it('says no instance is running when the service died but is still listed', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const probe = mesh.services.find((s) => s.name === 'probe');
    await probe?.process.kill('SIGKILL');
    const result = await mcp.client.callTool({ name: 'probe_read', arguments: { id: 'orphan' } });
    const error = errorOf(result);
    expect(error.code).toBe('unavailable');
    expect(error.text).toMatch(
      /^unavailable \(retryable\): no instance of service "probe" is running to serve probe_read/,
    );
  });
});
