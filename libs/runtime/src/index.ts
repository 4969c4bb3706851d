// Public surface of the runtime library: the embedded defaults (nats-server, PostgreSQL) and port helpers.
export {
  EMBEDDED_POSTGRES_USER,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
  startEmbeddedPostgres,
} from './embedded-postgres.js';
export { freePort } from './free-port.js';
export {
  NATS_INSTALL_HINT,
  type NatsServerOptions,
  type NatsServerProcess,
  resolveNatsServerBinary,
  startNatsServer,
} from './nats-server.js';
export { DEFAULT_PORT_WAIT_MS, waitForPort } from './wait-for-port.js';
