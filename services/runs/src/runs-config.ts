// The runs service's own settings, parsed once from the environment with clear messages.
import { databaseUrlEnvEntry, parseEnvironment } from '@longhaul/mesh';
import * as v from 'valibot';
import { DEFAULT_RUN_RETENTION_DAYS } from './retention.js';
import { DEFAULT_AGENT_STALL_MS } from './stall.js';

const WholeNumber = (name: string, min: number, unit: string) =>
  v.pipe(
    v.string(),
    v.transform(Number),
    v.number(`${name} must be a number of ${unit}`),
    v.integer(`${name} must be a whole number of ${unit}`),
    v.minValue(min, `${name} must be at least ${min} ${unit}`),
  );

const RunsEnvSchema = v.object({
  ...databaseUrlEnvEntry('the Postgres database that keeps run history'),
  LONGHAUL_AGENT_STALL_MS: v.optional(WholeNumber('LONGHAUL_AGENT_STALL_MS', 1_000, 'milliseconds')),
  LONGHAUL_RUN_RETENTION_DAYS: v.optional(WholeNumber('LONGHAUL_RUN_RETENTION_DAYS', 1, 'days')),
});

export interface RunsConfig {
  databaseUrl: string;
  /** How long an agent run may stay silent before it is reported stalled. */
  stallMs: number;
  /** Ended runs older than this leave the history and lh_runs. */
  retentionDays: number;
}

export function parseRunsConfig(env: Record<string, string | undefined>): RunsConfig {
  const parsed = parseEnvironment(RunsEnvSchema, env, 'runs');
  return {
    databaseUrl: parsed.DATABASE_URL,
    stallMs: parsed.LONGHAUL_AGENT_STALL_MS ?? DEFAULT_AGENT_STALL_MS,
    retentionDays: parsed.LONGHAUL_RUN_RETENTION_DAYS ?? DEFAULT_RUN_RETENTION_DAYS,
  };
}
