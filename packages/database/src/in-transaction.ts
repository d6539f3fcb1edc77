import type { Kysely } from 'kysely';
import type { Database } from './database';

/**
 * Runs `work` in a transaction: a new one on `db`, or the caller's when `db` already is one, so repository
 * functions compose inside a larger transaction.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (transaction: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
