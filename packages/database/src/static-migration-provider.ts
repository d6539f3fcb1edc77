import type { Migration, MigrationProvider } from 'kysely';

/** Hands kysely's Migrator a fixed map of migrations (no filesystem access, so it works from any build output). */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Readonly<Record<string, Migration>>) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...this.migrations });
  }
}
