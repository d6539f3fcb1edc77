import path from 'node:path';
import type { CreateDatabaseOptions } from './create-database';

/** The PGlite folder's name under ROUTEWISE_DATA_DIR. */
export const PGLITE_DIRECTORY_NAME = 'feedback-db';

export interface DatabaseEnvironment {
  DATABASE_URL?: string | undefined;
  ROUTEWISE_DATA_DIR?: string | undefined;
}

/** `DATABASE_URL` when set (and not blank), else PGlite in `$ROUTEWISE_DATA_DIR/feedback-db` (default `.data`). */
export function databaseOptionsFromEnvironment(environment: DatabaseEnvironment): CreateDatabaseOptions {
  const url = environment.DATABASE_URL?.trim();
  if (url !== undefined && url !== '') return { url };
  const dataDirectory = environment.ROUTEWISE_DATA_DIR?.trim() || '.data';
  return { dataDirectory: path.resolve(dataDirectory, PGLITE_DIRECTORY_NAME) };
}

/** Where the database is, for logs: the Postgres host and database (never the password), or the PGlite folder. */
export function describeDatabase(options: CreateDatabaseOptions): string {
  if (options.url !== undefined && options.url.trim() !== '') {
    try {
      const url = new URL(options.url);
      return `Postgres at ${url.host}${url.pathname}`;
    } catch {
      return 'Postgres (unparsable DATABASE_URL)';
    }
  }
  return options.dataDirectory === undefined ? 'PGlite in memory' : `PGlite in ${options.dataDirectory}`;
}
