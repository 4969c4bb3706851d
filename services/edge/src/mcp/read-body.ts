// Reads a request body up to a byte limit and parses it as JSON, with errors an MCP client understands.
export type BodyResult =
  | { ok: true; body: unknown }
  | { ok: false; status: number; code: number; message: string };

function tooLarge(maxBytes: number): BodyResult {
  return {
    ok: false,
    status: 413,
    code: -32600,
    message: `request body is larger than ${maxBytes} bytes; send smaller arguments (large content belongs in artifacts)`,
  };
}

/**
 * Reads from any byte stream: the Node request itself when the server exposes it (cheaper than web streams),
 * else the web Request body.
 */
export async function readJsonBody(
  source: AsyncIterable<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<BodyResult> {
  if (Number(declaredLength ?? Number.NaN) > maxBytes) return tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (source) {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) return tooLarge(maxBytes);
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: -32700,
      message: `Parse error: the body is not valid JSON (${(error as Error).message}); send one JSON-RPC 2.0 message or a batch`,
    };
  }
}
