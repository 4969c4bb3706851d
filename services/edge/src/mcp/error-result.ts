// Turns a LonghaulError into an MCP tool result the agent can read and act on.
import type { LonghaulError } from '@longhaul/schemas';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const ERROR_META_KEY = 'longhaul/error';

export function errorResult(error: LonghaulError): CallToolResult {
  const retry = error.retryable ? ' (retryable)' : '';
  return {
    isError: true,
    content: [{ type: 'text', text: `${error.code}${retry}: ${error.message}` }],
    _meta: { [ERROR_META_KEY]: error.toWire() },
  };
}
