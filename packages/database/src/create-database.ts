import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './database';
import { openPglite } from './pglite/open-pglite';
import { PgliteDialect } from './pglite/pglite-dialect';
import { createPostgresPool } from './postgres/create-postgres-pool';

export interface CreateDatabaseOptions {
  /** `postgres://...`: a real Postgres through a pg.Pool. Takes precedence over `dataDirectory`. */
  url?: string;
  /** Without `url`: PGlite persisted in this folder (e.g. `.data/feedback-db`); in memory when this is unset too. */
  dataDirectory?: string;
  /** Postgres only: pool size (default 10). */
  maxConnections?: number;
  /** Postgres only: a pooled connection broke (e.g. the server restarted); the pool reconnects on the next query. */
  onConnectionError?: (error: Error) => void;
}

/**
 * The feedback service's database: Postgres when `url` is set, otherwise PGlite. Both read values the same way
 * (bigint as number, date as `YYYY-MM-DD`, timestamptz as Date). Call `migrateToLatest(db)` before use and
 * `db.destroy()` at the end (which closes the pool or PGlite).
 */
export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<Kysely<Database>> {
  const url = options.url?.trim();
  if (url !== undefined && url !== '') {
    const pool = createPostgresPool({
      url,
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
      ...(options.onConnectionError === undefined ? {} : { onConnectionError: options.onConnectionError }),
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const pglite = await openPglite(options.dataDirectory);
  const db = new Kysely<Database>({ dialect: new PgliteDialect({ pglite }) });
  // kysely starts a driver on the first query and only closes started ones: start it now, so that db.destroy()
  // always closes PGlite (and frees its folder) even if nothing was queried.
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return db;
}
