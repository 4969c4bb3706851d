// Starts a real nats-server child process with JetStream on a loopback port and a given store directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitForPort } from './wait-for-port.js';

export const NATS_SERVER_CANDIDATES = [
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
];

export const NATS_INSTALL_HINT =
  'nats-server was not found; install it with `apt-get install nats-server` (Debian 12+) or put a nats-server binary on PATH or in NATS_SERVER_BIN';

export interface NatsServerOptions {
  /** JetStream store directory; created if missing. */
  storeDir: string;
  port?: number;
  host?: string;
  /** Extra config file (users, permissions). */
  configFile?: string;
  binary?: string;
  /** Environment of the server process (a config file may read `$VARIABLES` from it). */
  env?: Record<string, string | undefined>;
  /** PATH to search when no binary is given and none is at a known place. */
  searchPath?: string;
  onOutput?: (line: string) => void;
}

export interface NatsServerProcess {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The nats-server binary to use: explicit, a known path, or one found on the given PATH. */
export function resolveNatsServerBinary(explicit?: string, searchPath = ''): string {
  if (explicit) return explicit;
  const found = NATS_SERVER_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  const onPath = searchPath
    .split(':')
    .map((dir) => join(dir, 'nats-server'))
    .find((candidate) => existsSync(candidate));
  if (onPath) return onPath;
  throw new Error(NATS_INSTALL_HINT);
}

export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  mkdirSync(options.storeDir, { recursive: true });
  const args = ['-a', host, '-p', String(port), '-js', '-sd', options.storeDir];
  if (options.configFile) args.push('-c', options.configFile);
  const child = spawn(resolveNatsServerBinary(options.binary, options.searchPath), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: options.env } : {}),
  });
  let recent = '';
  const forward = (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-2_000);
    options.onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const earlyExit = exited.then(() => {
    throw new Error(
      `nats-server exited during start-up (port ${port}, store ${options.storeDir}):\n${recent}`,
    );
  });
  await Promise.race([waitForPort(port, host), earlyExit]);
  earlyExit.catch(() => undefined);
  return {
    url: `nats://${host}:${port}`,
    port,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
