// Assembles a running edge from its config: NATS, Postgres, registry, sessions, HTTP server.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { migrateSchema, openDatabase } from '@longhaul/db';
import {
  connectMesh,
  createIdempotency,
  createSigner,
  createSubjects,
  type Logger,
  openJobClient,
  provisionMesh,
  watchToolRegistry,
} from '@longhaul/mesh';
import type { Kysely } from 'kysely';
import type { EdgeConfig } from './config.js';
import { createApp } from './create-app.js';
import { createSessionStore } from './mcp/session-store.js';
import { EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from './migrations.js';

export interface RunningEdge {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startEdge(config: EdgeConfig, logger: Logger): Promise<RunningEdge> {
  const nc = await connectMesh({ ...config.nats, name: 'longhaul-edge' });
  const subjects = createSubjects(config.subjectPrefix);
  const buckets = await provisionMesh(nc, subjects);
  const db = openDatabase<EdgeDatabase>({ url: config.databaseUrl, applicationName: 'longhaul-edge' });
  await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
  const registry = await watchToolRegistry({ kv: buckets.tools, logger });
  let reconnecting = false;
  const { app, sessions } = createApp({
    config,
    db,
    registry,
    logger,
    mesh: await openJobClient(nc, subjects, createSigner(config.signingKey)),
    idempotency: createIdempotency(buckets.idempotency),
    sessionStore: createSessionStore(buckets.sessions),
    isNatsConnected: () => !nc.isClosed() && !reconnecting,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting') reconnecting = true;
      if (status.type === 'reconnect') reconnecting = false;
    }
  })();

  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/mcp`;
  logger.info('edge listening', { url });
  return {
    url,
    port,
    async stop() {
      await sessions.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await registry.close();
      await nc.drain();
      await db.destroy();
    },
  };
}
