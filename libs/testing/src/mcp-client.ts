// An MCP SDK client over streamable HTTP with a bearer token, as an agent would connect.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface TestMcpClient extends AsyncDisposable {
  readonly client: Client;
}

export async function connectMcpClient(
  url: string,
  token: string | undefined,
  name = 'longhaul-test',
): Promise<TestMcpClient> {
  const client = new Client({ name, version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
  });
  await client.connect(transport);
  return {
    client,
    async [Symbol.asyncDispose]() {
      await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}
