// Public surface of the runtime library: the embedded defaults (nats-server, PostgreSQL) and port helpers.
export {
  EMBEDDED_POSTGRES_USER,
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
} from './embedded-postgres.js';
export { freePort } from './free-port.js';
export {
  NATS_INSTALL_HINT,
  resolveNatsServerBinary,
  startNatsServer,
  type NatsServerOptions,
  type NatsServerProcess,
} from './nats-server.js';
export { DEFAULT_PORT_WAIT_MS, waitForPort } from './wait-for-port.js';
