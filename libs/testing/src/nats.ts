// A real nats-server with JetStream for one test file: random port, temporary store, stopped on dispose.
import { type NatsServerProcess, startNatsServer } from '@longhaul/runtime';
import { makeTempDir } from './temp-dir.js';

export interface TestNats extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly server: NatsServerProcess;
  /** Stops the server (optionally with SIGKILL), waits `downMs`, and starts it again on the same port and store. */
  restart(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
}

export interface TestNatsOptions {
  /** A nats-server config file (users, permissions); listen address and store still come from the harness. */
  configFile?: string;
  /** Variables the config file reads. */
  env?: Record<string, string>;
}

export async function startTestNats(options: TestNatsOptions = {}): Promise<TestNats> {
  const dir = makeTempDir('nats');
  const settings = {
    storeDir: dir.path,
    searchPath: process.env.PATH ?? '',
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  };
  let server = await startNatsServer(settings);
  const port = server.port;
  return {
    url: server.url,
    port,
    storeDir: dir.path,
    get server() {
      return server;
    },
    async restart(signal = 'SIGTERM', downMs = 0) {
      await server.stop(signal);
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await startNatsServer({ ...settings, port });
    },
    async [Symbol.asyncDispose]() {
      await server.stop();
      dir.remove();
    },
  };
}
