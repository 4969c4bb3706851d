// The tasks service's own settings, parsed once from the environment.
import * as v from 'valibot';

const TasksEnvSchema = v.object({
  DATABASE_URL: v.pipe(
    v.optional(v.string(), ''),
    v.minLength(
      1,
      'DATABASE_URL is required: the Postgres database that keeps the backlog (postgres://user@host/db)',
    ),
  ),
});

export interface TasksConfig {
  databaseUrl: string;
}

export function parseTasksConfig(env: Record<string, string | undefined>): TasksConfig {
  const result = v.safeParse(TasksEnvSchema, env);
  if (!result.success) {
    throw new Error(`invalid tasks configuration:\n${result.issues.map((i) => i.message).join('\n')}`);
  }
  return { databaseUrl: result.output.DATABASE_URL };
}
