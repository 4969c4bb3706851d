// Tasks service process entry: migrates its schema, then serves the backlog tools.
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createJsonLogger, parseServiceConfig, runService, stopOnSignals } from '@longhaul/mesh';
import type { Kysely } from 'kysely';
import { TASKS_MIGRATIONS, TASKS_SCHEMA, type TasksDatabase } from './migrations.js';
import { createTagStore } from './tag-store.js';
import { createTaskEvents } from './task-events.js';
import { parseTasksConfig } from './tasks-config.js';
import { createTasksService } from './tasks-service.js';

const logger = createJsonLogger(process.stderr, 'tasks');

try {
  const config = parseTasksConfig(process.env);
  const db = openDatabase<TasksDatabase>({ url: config.databaseUrl, applicationName: 'longhaul-tasks' });
  await migrateSchema(db as Kysely<unknown>, TASKS_SCHEMA, TASKS_MIGRATIONS);
  const store = createTagStore(db);
  const running = await runService('tasks', parseServiceConfig(process.env), logger, (nc, subjects) =>
    createTasksService({ store, events: createTaskEvents(nc, subjects, logger) }),
  );
  stopOnSignals([() => running.stop(), () => db.destroy()]);
} catch (error) {
  logger.error('tasks service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
