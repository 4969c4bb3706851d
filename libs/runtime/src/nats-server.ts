// Starts a real nats-server child process with JetStream on a loopback port and a given store directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

const LISTENING = /Listening for client connections on [^\s]+:(\d+)/;
export const NATS_START_TIMEOUT_MS = 15_000;

export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerProcess> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.storeDir, { recursive: true });
  // Without a port the server picks a free one itself (-1) and says which: no race with other processes
  // for a port found free a moment earlier.
  const args = ['-a', host, '-p', String(options.port ?? -1), '-js', '-sd', options.storeDir];
  if (options.configFile) args.push('-c', options.configFile);
  const child = spawn(resolveNatsServerBinary(options.binary, options.searchPath), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: options.env } : {}),
  });
  let recent = '';
  let output = '';
  let announced: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => {
    announced = resolve;
  });
  const forward = (chunk: Buffer) => {
    const text = chunk.toString();
    recent = (recent + text).slice(-2_000);
    if (output.length < 20_000) output += text;
    const match = LISTENING.exec(output);
    if (match) announced(Number(match[1]));
    options.onOutput?.(text);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const earlyExit = exited.then(() => {
    throw new Error(`nats-server exited during start-up (store ${options.storeDir}):\n${recent}`);
  });
  const tooSlow = new Promise<never>((_, reject) => {
    setTimeout(
      () => reject(new Error(`nats-server did not start within ${NATS_START_TIMEOUT_MS} ms:\n${recent}`)),
      NATS_START_TIMEOUT_MS,
    ).unref();
  });
  let port: number;
  try {
    port = await Promise.race([listening, earlyExit, tooSlow]);
    await Promise.race([waitForPort(port, host), earlyExit]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
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
