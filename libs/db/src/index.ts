// Public surface of the database library: Kysely connections and per-schema migrations.
export { DEFAULT_POOL_SIZE, openDatabase, type OpenDatabaseOptions } from './database.js';
export { migrateSchema, type MigrationSet } from './migrate.js';
