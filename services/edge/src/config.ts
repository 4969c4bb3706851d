// Edge configuration from the environment, parsed once with a schema; a bad value stops start-up with its name.
import { readFileSync } from 'node:fs';
import {
  DEFAULT_JOB_WAIT_MS,
  databaseUrlEnvEntry,
  NatsEnvEntries,
  type NatsSettings,
  natsSettingsFrom,
  parseEnvironment,
  SubjectPrefixEnvEntry,
} from '@longhaul/mesh';
import * as v from 'valibot';
import { DEFAULT_ROLE_GRANTS, type RoleGrants } from './auth/rbac.js';
import type { TailscaleIdentityMap } from './auth/tailscale-identity.js';
import { DEFAULT_RATE_BURST, DEFAULT_RATE_PER_SECOND } from './limits/rate-limiter.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_SESSION_IDLE_MS } from './mcp/session-manager.js';

export const DEFAULT_EDGE_HOST = '127.0.0.1';
export const DEFAULT_EDGE_PORT = 7700;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const IntFromEnv = (fallback: number, min: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.transform(Number),
    v.number(),
    v.integer('must be a whole number'),
    v.minValue(min),
  );

const JsonFromEnv = <T>(schema: v.GenericSchema<unknown, T>, fallback: T) =>
  v.pipe(
    v.optional(v.string()),
    v.transform((text) => (text === undefined ? fallback : (JSON.parse(text) as unknown))),
    schema,
  );

const GrantSchema = v.object({ workspace: v.string(), roles: v.array(v.string()) });

const EnvSchema = v.object({
  LONGHAUL_EDGE_HOST: v.optional(v.string(), DEFAULT_EDGE_HOST),
  LONGHAUL_EDGE_PORT: IntFromEnv(DEFAULT_EDGE_PORT, 0),
  ...NatsEnvEntries,
  ...databaseUrlEnvEntry(),
  LONGHAUL_EDGE_SIGNING_KEY: v.optional(v.string()),
  LONGHAUL_EDGE_SIGNING_KEY_FILE: v.optional(v.string()),
  LONGHAUL_ALLOWED_HOSTS: v.optional(v.string()),
  LONGHAUL_ALLOWED_ORIGINS: v.optional(v.string()),
  LONGHAUL_TRUSTED_PROXIES: v.optional(v.string()),
  LONGHAUL_TAILSCALE_IDENTITIES: JsonFromEnv(v.record(v.string(), GrantSchema), {} as TailscaleIdentityMap),
  LONGHAUL_ROLES: JsonFromEnv(v.record(v.string(), v.array(v.string())), DEFAULT_ROLE_GRANTS as RoleGrants),
  LONGHAUL_RATE_PER_SECOND: IntFromEnv(DEFAULT_RATE_PER_SECOND, 1),
  LONGHAUL_RATE_BURST: IntFromEnv(DEFAULT_RATE_BURST, 1),
  LONGHAUL_MAX_BODY_BYTES: IntFromEnv(DEFAULT_MAX_BODY_BYTES, 1024),
  LONGHAUL_SESSION_IDLE_MS: IntFromEnv(DEFAULT_SESSION_IDLE_MS, 1000),
  LONGHAUL_JOB_WAIT_MS: IntFromEnv(DEFAULT_JOB_WAIT_MS, 0),
  ...SubjectPrefixEnvEntry,
});

export interface EdgeConfig {
  host: string;
  port: number;
  nats: NatsSettings;
  databaseUrl: string;
  signingKey: string;
  allowedHosts: string[];
  allowedOrigins: string[];
  trustedProxies: string[];
  tailscaleIdentities: TailscaleIdentityMap;
  roles: RoleGrants;
  ratePerSecond: number;
  rateBurst: number;
  maxBodyBytes: number;
  sessionIdleMs: number;
  jobWaitMs: number;
  subjectPrefix: string;
}

export function parseEdgeConfig(env: Record<string, string | undefined>): EdgeConfig {
  let parsed: v.InferOutput<typeof EnvSchema>;
  try {
    parsed = parseEnvironment(EnvSchema, env, 'edge');
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new Error(`invalid edge configuration: a JSON value is malformed: ${error.message}`);
    throw error;
  }
  const signingKey =
    parsed.LONGHAUL_EDGE_SIGNING_KEY ??
    (parsed.LONGHAUL_EDGE_SIGNING_KEY_FILE
      ? readFileSync(parsed.LONGHAUL_EDGE_SIGNING_KEY_FILE, 'utf8').trim()
      : undefined);
  if (!signingKey) {
    throw new Error(
      'invalid edge configuration: set LONGHAUL_EDGE_SIGNING_KEY or LONGHAUL_EDGE_SIGNING_KEY_FILE (longhaul up generates one)',
    );
  }
  const port = parsed.LONGHAUL_EDGE_PORT;
  const host = parsed.LONGHAUL_EDGE_HOST;
  const allowedHosts = list(parsed.LONGHAUL_ALLOWED_HOSTS);
  return {
    host,
    port,
    nats: natsSettingsFrom(parsed),
    databaseUrl: parsed.DATABASE_URL,
    signingKey,
    allowedHosts: allowedHosts.length
      ? allowedHosts
      : [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`],
    allowedOrigins: list(parsed.LONGHAUL_ALLOWED_ORIGINS),
    trustedProxies: list(parsed.LONGHAUL_TRUSTED_PROXIES),
    tailscaleIdentities: parsed.LONGHAUL_TAILSCALE_IDENTITIES ?? {},
    roles: parsed.LONGHAUL_ROLES ?? DEFAULT_ROLE_GRANTS,
    ratePerSecond: parsed.LONGHAUL_RATE_PER_SECOND,
    rateBurst: parsed.LONGHAUL_RATE_BURST,
    maxBodyBytes: parsed.LONGHAUL_MAX_BODY_BYTES,
    sessionIdleMs: parsed.LONGHAUL_SESSION_IDLE_MS,
    jobWaitMs: parsed.LONGHAUL_JOB_WAIT_MS,
    subjectPrefix: parsed.LONGHAUL_SUBJECT_PREFIX,
  };
}
