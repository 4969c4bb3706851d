// Runs a service's migrations inside the Postgres schema it owns.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

export type MigrationSet = Record<string, Migration>;

class InlineMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: MigrationSet) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Creates the schema if needed and brings it to the newest migration; throws with the failing step. */
export async function migrateSchema(
  db: Kysely<unknown>,
  schema: string,
  migrations: MigrationSet,
): Promise<void> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new InlineMigrationProvider(migrations),
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `migration ${failed?.migrationName ?? '(unknown)'} of schema ${schema} failed: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
}
