// Rebuilds the protocol server of a session opened on another replica by replaying its stored initialize,
// using only the SDK's public transport API.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { StoredSession } from './session-store.js';

const INTERNAL_URL = 'http://longhaul.internal/mcp';

function internalPost(message: unknown, sessionId?: string): Request {
  return new Request(INTERNAL_URL, {
    method: 'POST',
    headers: {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
    },
    body: JSON.stringify(message),
  });
}

export async function rebuildSession(
  server: Server,
  sessionId: string,
  stored: StoredSession,
  authInfo: AuthInfo,
  onClosed: (sessionId: string) => void,
): Promise<WebStandardStreamableHTTPServerTransport> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => sessionId,
    onsessionclosed: onClosed,
  });
  await server.connect(transport);
  const initialize = {
    jsonrpc: '2.0',
    id: 'longhaul-rebuild',
    method: 'initialize',
    params: stored.initialize,
  };
  const answer = await transport.handleRequest(internalPost(initialize), { authInfo });
  const text = await answer.text();
  if (!answer.ok || transport.sessionId !== sessionId) {
    throw new Error(`session ${sessionId} could not be rebuilt: ${answer.status} ${text.slice(0, 200)}`);
  }
  const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
  await (await transport.handleRequest(internalPost(initialized, sessionId), { authInfo })).text();
  return transport;
}
