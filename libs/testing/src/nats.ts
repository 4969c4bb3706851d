// A real nats-server with JetStream for one test file: random port, temporary store, stopped on dispose.
import { type NatsServerProcess, startNatsServer } from '@longhaul/runtime';
import { makeTempDir } from './temp-dir.js';

export interface TestNats extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly server: NatsServerProcess;
  /** Stops the server (optionally with SIGKILL) and starts it again on the same port and store. */
  restart(signal?: NodeJS.Signals): Promise<void>;
}

export async function startTestNats(): Promise<TestNats> {
  const dir = makeTempDir('nats');
  let server = await startNatsServer({ storeDir: dir.path, searchPath: process.env.PATH ?? '' });
  const port = server.port;
  return {
    url: server.url,
    port,
    storeDir: dir.path,
    get server() {
      return server;
    },
    async restart(signal = 'SIGTERM') {
      await server.stop(signal);
      server = await startNatsServer({ storeDir: dir.path, port, searchPath: process.env.PATH ?? '' });
    },
    async [Symbol.asyncDispose]() {
      await server.stop();
      dir.remove();
    },
  };
}
