// Sessions of one edge, with a real SDK protocol server: creation, ownership, limits, missing sessions.
import { silentLogger } from '@longhaul/mesh';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { describe, expect, it } from 'vitest';
import type { EdgePrincipal } from '../auth/principal.js';
import type { BodyResult } from './read-body.js';
import { createSessionManager } from './session-manager.js';

const alice: EdgePrincipal = { id: 'token:alice', workspace: 'w', roles: ['admin'], via: 'token' };
const bob: EdgePrincipal = { id: 'token:bob', workspace: 'w', roles: ['admin'], via: 'token' };

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

function post(body: unknown, session?: string) {
  const headers: Record<string, string> = { ...HEADERS };
  if (session) Object.assign(headers, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' });
  return {
    request: new Request('http://edge/mcp', { method: 'POST', headers, body: JSON.stringify(body) }),
    read: async (): Promise<BodyResult> => ({ ok: true, body }),
  };
}

describe('session manager', () => {
  const manager = () =>
    createSessionManager({
      createServer: () => new Server({ name: 't', version: '1.0.0' }, { capabilities: { tools: {} } }),
      logger: silentLogger,
      maxSessionsPerPrincipal: 2,
    });

  async function open(sessions: ReturnType<typeof manager>, principal: EdgePrincipal): Promise<string> {
    const { request, read } = post(INIT);
    const response = await sessions.handle(request, principal, read);
    expect(response.status).toBe(200);
    await response.text();
    return response.headers.get('mcp-session-id') ?? '';
  }

  async function ping(
    sessions: ReturnType<typeof manager>,
    principal: EdgePrincipal,
    id: string,
  ): Promise<number> {
    const { request, read } = post({ jsonrpc: '2.0', id: 9, method: 'ping' }, id);
    const response = await sessions.handle(request, principal, read);
    await response.text();
    return response.status;
  }

  it('opens a session on initialize and serves it to its owner only', async () => {
    const sessions = manager();
    const id = await open(sessions, alice);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ping(sessions, alice, id)).toBe(200);
    expect(await ping(sessions, bob, id)).toBe(404);
    expect(await ping(sessions, alice, 'no-such-session')).toBe(404);
    await sessions.closeAll();
  });

  it('asks for initialize when a request has no session', async () => {
    const sessions = manager();
    const { request, read } = post({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const response = await sessions.handle(request, alice, read);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/initialize/);
    await sessions.closeAll();
  });

  it('passes body errors through unchanged', async () => {
    const sessions = manager();
    const { request } = post(INIT);
    const response = await sessions.handle(request, alice, async () => ({
      ok: false,
      status: 413,
      code: -32600,
      message: 'too big',
    }));
    expect(response.status).toBe(413);
    await sessions.closeAll();
  });

  it('closes the least recently used session of a principal over its limit, not anyone else', async () => {
    const sessions = manager();
    const bobs = await open(sessions, bob);
    const first = await open(sessions, alice);
    const second = await open(sessions, alice);
    expect(await ping(sessions, alice, first)).toBe(200);
    const third = await open(sessions, alice);
    expect(await ping(sessions, alice, second)).toBe(404);
    expect(await ping(sessions, alice, first)).toBe(200);
    expect(await ping(sessions, alice, third)).toBe(200);
    expect(await ping(sessions, bob, bobs)).toBe(200);
    expect(sessions.size()).toBe(3);
    await sessions.closeAll();
  });
});
