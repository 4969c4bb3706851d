// The configuration every service process shares, parsed from the environment with a schema.
import * as v from 'valibot';
import { parseEnvironment } from '../env-schema.js';
import { NatsEnvEntries, type NatsSettings, natsSettingsFrom, SubjectPrefixEnvEntry } from '../nats-env.js';
import type { JobSettings } from './job-settings.js';

const ServiceEnvSchema = v.object({
  ...NatsEnvEntries,
  LONGHAUL_EDGE_PUBLIC_KEYS: v.pipe(
    v.optional(v.string(), ''),
    v.minLength(
      1,
      'LONGHAUL_EDGE_PUBLIC_KEYS is required: the edge public keys whose signatures this service trusts',
    ),
  ),
  LONGHAUL_JOB_CONCURRENCY: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.integer(), v.minValue(1)),
  ),
  LONGHAUL_JOB_ACK_WAIT_MS: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.integer(), v.minValue(1_000)),
  ),
  LONGHAUL_JOB_MAX_DELIVER: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.integer(), v.minValue(1)),
  ),
  LONGHAUL_JOB_BACKOFF_MS: v.optional(
    v.pipe(
      v.string(),
      v.transform((text) => text.split(',').map((part) => Number(part.trim()))),
      v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
      v.minLength(1),
    ),
  ),
  ...SubjectPrefixEnvEntry,
});

export interface ServiceConfig {
  nats: NatsSettings;
  /** Overrides of the job worker defaults (DEFAULT_JOB_SETTINGS). */
  jobSettings: Partial<JobSettings>;
  edgePublicKeys: string[];
  subjectPrefix: string;
}

export function parseServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const out = parseEnvironment(ServiceEnvSchema, env, 'service');
  return {
    nats: natsSettingsFrom(out),
    jobSettings: {
      ...(out.LONGHAUL_JOB_CONCURRENCY ? { concurrency: out.LONGHAUL_JOB_CONCURRENCY } : {}),
      ...(out.LONGHAUL_JOB_ACK_WAIT_MS ? { ackWaitMs: out.LONGHAUL_JOB_ACK_WAIT_MS } : {}),
      ...(out.LONGHAUL_JOB_MAX_DELIVER ? { maxDeliver: out.LONGHAUL_JOB_MAX_DELIVER } : {}),
      ...(out.LONGHAUL_JOB_BACKOFF_MS ? { backoffMs: out.LONGHAUL_JOB_BACKOFF_MS } : {}),
    },
    edgePublicKeys: out.LONGHAUL_EDGE_PUBLIC_KEYS.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    subjectPrefix: out.LONGHAUL_SUBJECT_PREFIX,
  };
}
