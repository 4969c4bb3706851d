// Reads a request body up to a byte limit and parses it as JSON, with errors an MCP client understands.
export type BodyResult =
  | { ok: true; body: unknown }
  | { ok: false; status: number; code: number; message: string };

export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const tooLarge: BodyResult = {
    ok: false,
    status: 413,
    code: -32600,
    message: `request body is larger than ${maxBytes} bytes; send smaller arguments (large content belongs in artifacts)`,
  };
  if (declared > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) return tooLarge;
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
