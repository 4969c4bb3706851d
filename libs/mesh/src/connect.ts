// Opens the NATS connection every Longhaul process uses: URL, credentials, TLS, endless reconnect.
import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';

export interface MeshConnectionOptions {
  /** One or more server URLs, comma separated (`nats://127.0.0.1:4222`). */
  url: string;
  /** Connection name shown in `nats server report connections`. */
  name: string;
  /** Path to a `.creds` file (JWT + NKey seed). */
  credsFile?: string;
  user?: string;
  pass?: string;
  token?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

export const DEFAULT_RECONNECT_WAIT_MS = 500;

export async function connectMesh(options: MeshConnectionOptions): Promise<NatsConnection> {
  const servers = options.url
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return connect({
    servers,
    name: options.name,
    // Each process answers on its own inbox subtree, so NATS permissions can keep replies private.
    inboxPrefix: `_INBOX.${options.name}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: DEFAULT_RECONNECT_WAIT_MS,
    ...(options.credsFile
      ? { authenticator: credsAuthenticator(new Uint8Array(readFileSync(options.credsFile))) }
      : {}),
    ...(options.user ? { user: options.user, pass: options.pass } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  });
}
