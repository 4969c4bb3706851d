// Wires the edge's parts (auth, policy, limits, sessions, metrics) into its Hono app.
import type { Idempotency, Logger, StartJobDeps, ToolRegistry } from '@longhaul/mesh';
import type { Kysely } from 'kysely';
import { createEdgeApp } from './app.js';
import { createAuthenticator } from './auth/authenticate.js';
import { createAccessPolicy } from './auth/rbac.js';
import { createTailscaleResolver } from './auth/tailscale-identity.js';
import { createTokenStore } from './auth/token-store.js';
import type { EdgeConfig } from './config.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import { createArgumentValidator } from './mcp/argument-validator.js';
import { createMcpServer } from './mcp/mcp-server.js';
import { createMcpTasks } from './mcp/mcp-tasks.js';
import { createSessionManager } from './mcp/session-manager.js';
import type { SessionStore } from './mcp/session-store.js';
import { handleToolCall } from './mcp/tool-call.js';
import type { EdgeDatabase } from './migrations.js';
import { createMetrics } from './observability/metrics.js';

export interface CreateAppDeps {
  config: EdgeConfig;
  db: Kysely<EdgeDatabase>;
  registry: ToolRegistry;
  mesh: StartJobDeps;
  idempotency: Idempotency;
  /** MCP session state in NATS, so any replica serves any session. */
  sessionStore: SessionStore;
  logger: Logger;
  isNatsConnected: () => boolean;
}

export function createApp(deps: CreateAppDeps) {
  const { config, registry, logger } = deps;
  const metrics = createMetrics();
  const callDeps = {
    registry,
    policy: createAccessPolicy(config.roles),
    validator: createArgumentValidator(),
    limiter: createRateLimiter({ perSecond: config.ratePerSecond, burst: config.rateBurst }),
    mesh: deps.mesh,
    idempotency: deps.idempotency,
    jobWaitMs: config.jobWaitMs,
    metrics,
    logger,
  };
  const mcpTasks = createMcpTasks(callDeps);
  const sessions = createSessionManager({
    createServer: () => createMcpServer(callDeps, mcpTasks),
    shared: { store: deps.sessionStore, calls: callDeps },
    logger,
    idleMs: config.sessionIdleMs,
    directToolCall: (principal, name, args, meta, signal, onRunStarted) =>
      handleToolCall(callDeps, principal, name, args, { meta, signal, onRunStarted }),
  });
  registry.onToolsChanged(() => {
    logger.info('tool list changed', { tools: registry.tools().length });
    sessions.broadcastToolsChanged();
  });
  metrics.gauge('longhaul_sessions', () => sessions.size());
  metrics.gauge('longhaul_tools', () => registry.tools().length);
  const app = createEdgeApp({
    sessions,
    metrics,
    maxBodyBytes: config.maxBodyBytes,
    hostOrigin: { allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins },
    authenticator: createAuthenticator(
      createTokenStore({ db: deps.db }),
      createTailscaleResolver(config.trustedProxies, config.tailscaleIdentities),
    ),
    notReadyReason: () => {
      if (!deps.isNatsConnected()) return 'NATS is not connected';
      if (!registry.isReady()) return 'the tool registry is still loading';
      return undefined;
    },
  });
  return { app, sessions };
}
