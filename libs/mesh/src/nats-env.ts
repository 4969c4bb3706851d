// NATS connection settings from the environment, shared by every process's config.
import * as v from 'valibot';
import type { MeshConnectionOptions } from './connect.js';

export const NatsEnvEntries = {
  NATS_URL: v.pipe(v.optional(v.string(), ''), v.minLength(1, 'NATS_URL is required (nats://host:port)')),
  NATS_CREDS: v.optional(v.string()),
  NATS_USER: v.optional(v.string()),
  NATS_PASSWORD: v.optional(v.string()),
  NATS_TOKEN: v.optional(v.string()),
  NATS_TLS_CA: v.optional(v.string()),
  NATS_TLS_CERT: v.optional(v.string()),
  NATS_TLS_KEY: v.optional(v.string()),
};

/** The subject prefix every process must agree on (`lh`). */
export const SubjectPrefixEnvEntry = {
  LONGHAUL_SUBJECT_PREFIX: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^[a-z][a-z0-9]{0,15}$/,
        'LONGHAUL_SUBJECT_PREFIX must be 1-16 lowercase letters or digits, starting with a letter',
      ),
    ),
    'lh',
  ),
};

const NatsEnvSchema = v.object(NatsEnvEntries);
type NatsEnv = v.InferOutput<typeof NatsEnvSchema>;

/** Connection options (without the connection name) from parsed NATS_* variables. */
export type NatsSettings = Omit<MeshConnectionOptions, 'name'>;

export function natsSettingsFrom(env: NatsEnv): NatsSettings {
  const tls =
    env.NATS_TLS_CA || env.NATS_TLS_CERT || env.NATS_TLS_KEY
      ? {
          ...(env.NATS_TLS_CA ? { caFile: env.NATS_TLS_CA } : {}),
          ...(env.NATS_TLS_CERT ? { certFile: env.NATS_TLS_CERT } : {}),
          ...(env.NATS_TLS_KEY ? { keyFile: env.NATS_TLS_KEY } : {}),
        }
      : undefined;
  return {
    url: env.NATS_URL,
    ...(env.NATS_CREDS ? { credsFile: env.NATS_CREDS } : {}),
    ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD ?? '' } : {}),
    ...(env.NATS_TOKEN ? { token: env.NATS_TOKEN } : {}),
    ...(tls ? { tls } : {}),
  };
}
