// The tasks service's own settings, parsed once from the environment.
import { databaseUrlEnvEntry, parseEnvironment } from '@longhaul/mesh';
import * as v from 'valibot';

const TasksEnvSchema = v.object(databaseUrlEnvEntry('the Postgres database that keeps the backlog'));

export interface TasksConfig {
  databaseUrl: string;
}

export function parseTasksConfig(env: Record<string, string | undefined>): TasksConfig {
  return { databaseUrl: parseEnvironment(TasksEnvSchema, env, 'tasks').DATABASE_URL };
}
