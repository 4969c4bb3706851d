// bench:edge — tools/call latency and throughput through edge → NATS → service, beside a bare MCP SDK server.

import { chmodSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createTokenStore, EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from '@longhaul/edge';
import { generateSigningKey } from '@longhaul/mesh';
import { freePort, startEmbeddedPostgres, startNatsServer } from '@longhaul/runtime';
import {
  EDGE_ENTRY,
  MESH_SERVICE_ENTRY,
  makeTempDir,
  spawnProcess,
  type TestProcess,
} from '@longhaul/testing/processes';
import type { Kysely } from 'kysely';
import { type LoadTarget, percentile, runLoad } from './mcp-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 16];
const ARGS = { text: 'hello from the benchmark' };
/** BENCH_PROFILE_DIR=/tmp/prof writes CPU profiles of the edge and the service there. */
const nodeArgs = process.env.BENCH_PROFILE_DIR
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
  : [];

interface Row {
  path: string;
  clients: number;
  p50: number;
  p99: number;
  rate: number;
  errors: number;
}

async function measure(path: string, target: LoadTarget, clients: number): Promise<Row> {
  await runLoad(target, 'mesh_echo', ARGS, clients, 1); // warm-up
  const result = await runLoad(target, 'mesh_echo', ARGS, clients, SECONDS);
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    path,
    clients,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rate: result.calls / result.seconds,
    errors: result.errors,
  };
}

const dir = makeTempDir('bench');
chmodSync(dir.path, 0o711);
const processes: TestProcess[] = [];
const nats = await startNatsServer({ storeDir: `${dir.path}/nats`, searchPath: process.env.PATH ?? '' });
const postgres = await startEmbeddedPostgres({ dataDir: `${dir.path}/pg`, persistent: false });
try {
  const key = generateSigningKey();
  const databaseUrl = postgres.adminUrl;
  const db = openDatabase<EdgeDatabase>({ url: databaseUrl, applicationName: 'bench' });
  await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
  const { token } = await createTokenStore({ db }).create({ workspace: 'bench', roles: ['admin'] });
  await db.destroy();

  processes.push(
    await spawnProcess({
      entry: MESH_SERVICE_ENTRY,
      name: 'mesh',
      nodeArgs,
      env: { NATS_URL: nats.url, LONGHAUL_EDGE_PUBLIC_KEYS: key.publicKey },
      readyPattern: /service started/,
    }),
  );
  const edgePort = await freePort();
  processes.push(
    await spawnProcess({
      entry: EDGE_ENTRY,
      name: 'edge',
      nodeArgs,
      env: {
        NATS_URL: nats.url,
        DATABASE_URL: databaseUrl,
        LONGHAUL_EDGE_SIGNING_KEY: key.privateKey,
        LONGHAUL_EDGE_PORT: String(edgePort),
        LONGHAUL_RATE_PER_SECOND: '1000000',
        LONGHAUL_RATE_BURST: '1000000',
      },
      readyPattern: /edge listening/,
    }),
  );
  const barePort = await freePort();
  processes.push(
    await spawnProcess({
      entry: fileURLToPath(new URL('./bare-sdk-server.ts', import.meta.url)),
      name: 'bare-sdk',
      env: { PORT: String(barePort) },
      readyPattern: /bare sdk listening/,
    }),
  );
  await sleep(500);

  const mesh: LoadTarget = {
    url: `http://127.0.0.1:${edgePort}/mcp`,
    headers: { authorization: `Bearer ${token}` },
  };
  const bare: LoadTarget = { url: `http://127.0.0.1:${barePort}/mcp`, headers: {} };
  const rows: Row[] = [];
  for (const clients of CONCURRENCY) {
    rows.push(await measure('bare MCP SDK server', bare, clients));
    rows.push(await measure('edge → NATS → mesh service', mesh, clients));
  }

  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `\ntools/call mesh_echo, ${SECONDS} s per row, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log('path                          clients   p50 ms   p99 ms    calls/s  errors');
  for (const r of rows) {
    console.log(
      `${r.path.padEnd(30)}${String(r.clients).padStart(7)} ${fmt(r.p50)} ${fmt(r.p99)} ${r.rate.toFixed(0).padStart(10)}  ${r.errors}`,
    );
  }
  for (const clients of CONCURRENCY) {
    const b = rows.find((r) => r.clients === clients && r.path.startsWith('bare'));
    const m = rows.find((r) => r.clients === clients && r.path.startsWith('edge'));
    if (b && m) {
      console.log(
        `${clients} client(s): mesh p50 is ${((m.p50 / b.p50) * 100).toFixed(0)}% of bare; mesh ${m.rate.toFixed(0)} calls/s vs bare ${b.rate.toFixed(0)}`,
      );
    }
  }
  const m16 = rows.find((r) => r.clients === 16 && r.path.startsWith('edge'));
  console.log(
    `goal ≥ 2,000 calls/s with 16 clients through the mesh: ${m16 && m16.rate >= 2000 ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const p of processes) await p.kill('SIGTERM');
  await postgres.stop();
  await nats.stop();
  dir.remove();
}
