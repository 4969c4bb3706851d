// Baseline for bench:edge: a bare single-process MCP SDK server offering the same echo tool, no mesh behind it.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { z } from 'zod';

const transports = new Map<string, WebStandardStreamableHTTPServerTransport>();
const instance = randomUUID();

function createServer(): McpServer {
  const server = new McpServer({ name: 'bare', version: '0.0.0' });
  server.registerTool(
    'mesh_echo',
    {
      description: 'Returns the text it is given',
      inputSchema: { text: z.string().max(10_000) },
      outputSchema: { text: z.string(), instance: z.string() },
    },
    async ({ text }) => {
      const result = { text, instance };
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    },
  );
  return server;
}

const app = new Hono();
app.all('/mcp', async (c) => {
  const sessionId = c.req.header('mcp-session-id');
  const existing = sessionId ? transports.get(sessionId) : undefined;
  if (existing) return existing.handleRequest(c.req.raw);
  const body = c.req.method === 'POST' ? await c.req.json() : undefined;
  if (!isInitializeRequest(body))
    return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'no session' } }, 400);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  await createServer().connect(transport);
  return transport.handleRequest(c.req.raw, { parsedBody: body });
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, () => {
  process.stdout.write(`bare sdk listening ${(server.address() as AddressInfo).port}\n`);
});
