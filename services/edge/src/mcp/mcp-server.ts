// One MCP protocol server per session: tools/list from the live registry, tools/call through the mesh.
import type { RunProgress, ToolDescriptor } from '@longhaul/schemas';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CancelTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { EdgePrincipal } from '../auth/principal.js';
import type { McpTasks } from './mcp-tasks.js';
import { handleToolCall, type ToolCallDeps, visibleTools } from './tool-call.js';

export const SERVER_NAME = 'longhaul';
export const SERVER_VERSION = '0.1.0';

const INSTRUCTIONS =
  'Longhaul gives long-running coding agents durable capabilities (tasks, runs, sandboxes, browser, memory). ' +
  'Every tool error starts with a stable code (invalid_argument, not_found, permission_denied, unavailable, ...) ' +
  'and says what to send instead.';

export function toMcpTool(tool: ToolDescriptor): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: { type: 'object', ...tool.inputSchema } as Tool['inputSchema'],
    // A job may answer with a run handle instead of its result, so only call tools promise an output shape.
    ...(tool.outputSchema && tool.mode === 'call'
      ? { outputSchema: { type: 'object', ...tool.outputSchema } as Tool['outputSchema'] }
      : {}),
    // A job runs as a run, so a client may ask for it as an MCP task; a call answers at once.
    execution: { taskSupport: tool.mode === 'job' ? 'optional' : 'forbidden' },
    annotations: {
      title: tool.title,
      readOnlyHint: tool.scope === 'read',
      destructiveHint: tool.scope === 'admin' || tool.scope === 'exec',
      openWorldHint: false,
    },
  };
}

/** The principal the HTTP layer attached to this request. */
function principalOf(extra: { authInfo?: { extra?: Record<string, unknown> } }): EdgePrincipal {
  const principal = extra.authInfo?.extra?.principal as EdgePrincipal | undefined;
  if (!principal) throw new Error('request reached the MCP server without a principal');
  return principal;
}

export function createMcpServer(deps: ToolCallDeps, tasks: McpTasks): Server {
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      capabilities: {
        tools: { listChanged: true },
        tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
      },
      instructions: INSTRUCTIONS,
    },
  );
  server.setRequestHandler(GetTaskRequestSchema, (request, extra) =>
    tasks.get(principalOf(extra), request.params.taskId),
  );
  server.setRequestHandler(GetTaskPayloadRequestSchema, (request, extra) =>
    tasks.result(principalOf(extra), request.params.taskId, extra.signal),
  );
  server.setRequestHandler(ListTasksRequestSchema, (_request, extra) => tasks.list(principalOf(extra)));
  server.setRequestHandler(CancelTaskRequestSchema, (request, extra) =>
    tasks.cancel(principalOf(extra), request.params.taskId),
  );
  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => ({
    tools: visibleTools(deps, principalOf(extra)).map(toMcpTool),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    if (request.params.task) {
      return tasks.create(
        principalOf(extra),
        request.params.name,
        request.params.arguments,
        request.params._meta,
      );
    }
    const progressToken = request.params._meta?.progressToken;
    const onProgress =
      progressToken === undefined
        ? undefined
        : (p: RunProgress) => {
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: {
                  progressToken,
                  progress: p.progress,
                  ...(p.total === undefined ? {} : { total: p.total }),
                  ...(p.message === undefined ? {} : { message: p.message }),
                },
              })
              .catch(() => undefined);
          };
    return handleToolCall(deps, principalOf(extra), request.params.name, request.params.arguments, {
      meta: request.params._meta,
      signal: extra.signal,
      ...(onProgress ? { onProgress } : {}),
    });
  });
  return server;
}
