// The runs service's own settings, parsed once from the environment with clear messages.
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
  DATABASE_URL: v.pipe(
    v.optional(v.string(), ''),
    v.minLength(
      1,
      'DATABASE_URL is required: the Postgres database that keeps run history (postgres://user@host/db)',
    ),
  ),
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
  const result = v.safeParse(RunsEnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`);
    throw new Error(`invalid runs configuration:\n${lines.join('\n')}`);
  }
  return {
    databaseUrl: result.output.DATABASE_URL,
    stallMs: result.output.LONGHAUL_AGENT_STALL_MS ?? DEFAULT_AGENT_STALL_MS,
    retentionDays: result.output.LONGHAUL_RUN_RETENTION_DAYS ?? DEFAULT_RUN_RETENTION_DAYS,
  };
}
