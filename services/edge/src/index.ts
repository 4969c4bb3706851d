// Public surface of the edge package, for the CLI and tests.
export { createTokenStore, type TokenRecord, type TokenStore } from './auth/token-store.js';
export { DEFAULT_ROLE_GRANTS } from './auth/rbac.js';
export { DEFAULT_EDGE_HOST, DEFAULT_EDGE_PORT, parseEdgeConfig, type EdgeConfig } from './config.js';
export { startEdge, type RunningEdge } from './edge.js';
export { EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from './migrations.js';
