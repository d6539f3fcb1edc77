import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { DATABASE_MIGRATIONS } from './migrations';
import { StaticMigrationProvider } from './static-migration-provider';

/** A migration run that failed; names the migration at fault when kysely got that far. */
export class MigrationError extends Error {
  /** Undefined when the run failed before any migration (e.g. the migration table could not be read). */
  readonly migrationName: string | undefined;
  readonly results: readonly MigrationResult[];

  constructor(migrationName: string | undefined, results: readonly MigrationResult[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      migrationName === undefined
        ? `Database migration failed before any migration ran: ${reason}`
        : `Database migration "${migrationName}" failed: ${reason}`,
      { cause },
    );
    this.name = 'MigrationError';
    this.migrationName = migrationName;
    this.results = results;
  }
}

/**
 * Applies every pending migration and returns what ran (empty when already up to date). On Postgres (and PGlite)
 * kysely runs the pending migrations in one transaction, so a failure leaves the schema as it was; throws a
 * MigrationError naming the migration that failed.
 */
export async function migrateToLatest<T>(
  db: Kysely<T>,
  migrations: Readonly<Record<string, Migration>> = DATABASE_MIGRATIONS,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, results, error);
  }
  return results;
}
