// The configuration every service process shares, parsed from the environment with a schema.
import * as v from 'valibot';
import { NatsEnvEntries, type NatsSettings, natsSettingsFrom } from '../nats-env.js';

const ServiceEnvSchema = v.object({
  ...NatsEnvEntries,
  LONGHAUL_EDGE_PUBLIC_KEYS: v.pipe(
    v.optional(v.string(), ''),
    v.minLength(
      1,
      'LONGHAUL_EDGE_PUBLIC_KEYS is required: the edge public keys whose signatures this service trusts',
    ),
  ),
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
});

export interface ServiceConfig {
  nats: NatsSettings;
  edgePublicKeys: string[];
  subjectPrefix: string;
}

export function parseServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const result = v.safeParse(ServiceEnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`);
    throw new Error(`invalid service configuration:\n${lines.join('\n')}`);
  }
  const out = result.output;
  return {
    nats: natsSettingsFrom(out),
    edgePublicKeys: out.LONGHAUL_EDGE_PUBLIC_KEYS.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    subjectPrefix: out.LONGHAUL_SUBJECT_PREFIX,
  };
}
