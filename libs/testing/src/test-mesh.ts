// A whole mesh for one test file: real nats-server, real Postgres database, edge and services as processes.
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createTokenStore, EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from '@longhaul/edge';
import { generateSigningKey } from '@longhaul/mesh';
import { freePort } from '@longhaul/runtime';
import type { Kysely } from 'kysely';
import { EDGE_ENTRY, MESH_SERVICE_ENTRY } from './entries.js';
import { startTestNats, type TestNats, type TestNatsOptions } from './nats.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { spawnProcess, type TestProcess } from './process.js';

export interface TestEdge {
  readonly process: TestProcess;
  readonly port: number;
  readonly url: string;
  readonly base: string;
}

export interface TestMesh extends AsyncDisposable {
  readonly nats: TestNats;
  readonly database: TestDatabase;
  readonly edgePublicKey: string;
  /** The edges' signing key (for CLI commands that sign, like `dlq replay`). */
  readonly edgeSigningKey: string;
  /** The first edge's MCP URL. */
  readonly url: string;
  readonly edges: TestEdge[];
  readonly services: Array<{ name: string; process: TestProcess }>;
  startEdge(env?: Record<string, string>): Promise<TestEdge>;
  startService(entry: string, name: string, env?: Record<string, string>): Promise<TestProcess>;
  createToken(workspace: string, roles: string[], ttlMs?: number): Promise<string>;
  revokeToken(token: string): Promise<void>;
}

export interface TestMeshOptions {
  /** Extra edge environment (allowlists, rate limits...). */
  edgeEnv?: Record<string, string>;
  /** Service entry points to start with the mesh; default the mesh service. */
  services?: Array<{ entry: string; name: string; env?: Record<string, string> }>;
  /** nats-server config and the variables it reads (for permission tests). */
  nats?: TestNatsOptions;
}

export async function startTestMesh(options: TestMeshOptions = {}): Promise<TestMesh> {
  const nats = await startTestNats(options.nats);
  const database = await createTestDatabase();
  const key = generateSigningKey();
  const db = openDatabase<EdgeDatabase>({ url: database.url, applicationName: 'longhaul-test', poolSize: 2 });
  await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
  const tokens = createTokenStore({ db, cacheMs: 0 });
  const processes: TestProcess[] = [];
  const edges: TestEdge[] = [];
  const services: Array<{ name: string; process: TestProcess }> = [];
  const serviceEnv = {
    NATS_URL: nats.url,
    DATABASE_URL: database.url,
    LONGHAUL_EDGE_PUBLIC_KEYS: key.publicKey,
  };

  const startService = async (entry: string, name: string, env: Record<string, string> = {}) => {
    const proc = await spawnProcess({
      entry,
      name,
      env: { ...serviceEnv, ...env },
      readyPattern: /service started/,
    });
    processes.push(proc);
    services.push({ name, process: proc });
    return proc;
  };

  const startEdge = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const proc = await spawnProcess({
      entry: EDGE_ENTRY,
      name: 'edge',
      env: {
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        LONGHAUL_EDGE_SIGNING_KEY: key.privateKey,
        LONGHAUL_EDGE_PORT: String(port),
        ...options.edgeEnv,
        ...env,
      },
      readyPattern: /edge listening/,
    });
    processes.push(proc);
    const base = `http://127.0.0.1:${port}`;
    const edge = { process: proc, port, base, url: `${base}/mcp` };
    edges.push(edge);
    return edge;
  };

  try {
    for (const service of options.services ?? [{ entry: MESH_SERVICE_ENTRY, name: 'mesh' }]) {
      await startService(service.entry, service.name, service.env);
    }
    await startEdge();
  } catch (error) {
    for (const p of processes) await p.kill('SIGKILL');
    await db.destroy();
    await database[Symbol.asyncDispose]();
    await nats[Symbol.asyncDispose]();
    throw error;
  }

  return {
    nats,
    database,
    edgePublicKey: key.publicKey,
    edgeSigningKey: key.privateKey,
    get url() {
      return edges[0]?.url ?? '';
    },
    edges,
    services,
    startEdge,
    startService,
    async createToken(workspace, roles, ttlMs) {
      const { token } = await tokens.create({ workspace, roles, ...(ttlMs ? { ttlMs } : {}) });
      return token;
    },
    async revokeToken(token) {
      await tokens.revoke(token.split('_')[1] ?? '');
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      await db.destroy();
      await database[Symbol.asyncDispose]();
      await nats[Symbol.asyncDispose]();
    },
  };
}
