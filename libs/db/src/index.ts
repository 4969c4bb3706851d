// Public surface of the database library: Kysely connections and per-schema migrations.
export { DEFAULT_POOL_SIZE, type OpenDatabaseOptions, openDatabase } from './database.js';
export { type MigrationSet, migrateSchema } from './migrate.js';
