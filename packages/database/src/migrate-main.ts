/**
 * `node packages/database/dist/migrate-main.js`: applies pending migrations to DATABASE_URL, or to the PGlite
 * database in $ROUTEWISE_DATA_DIR/feedback-db, then exits (1 on failure).
 */
import { createDatabase } from './create-database';
import { databaseOptionsFromEnvironment, describeDatabase } from './database-environment';
import { migrateToLatest } from './migrate-to-latest';

async function main(): Promise<void> {
  const options = databaseOptionsFromEnvironment(process.env);
  const db = await createDatabase(options);
  try {
    const results = await migrateToLatest(db);
    const where = describeDatabase(options);
    if (results.length === 0) console.log(`${where}: already up to date.`);
    for (const result of results) console.log(`${where}: applied ${result.migrationName}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
