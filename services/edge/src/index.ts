// Public surface of the edge package, for the CLI and tests.

export { DEFAULT_ROLE_GRANTS } from './auth/rbac.js';
export { createTokenStore, type TokenRecord, type TokenStore } from './auth/token-store.js';
export { DEFAULT_EDGE_HOST, DEFAULT_EDGE_PORT, type EdgeConfig, parseEdgeConfig } from './config.js';
export { type RunningEdge, startEdge } from './edge.js';
export { toMcpTool } from './mcp/mcp-server.js';
export { EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from './migrations.js';
