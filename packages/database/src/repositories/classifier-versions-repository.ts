import { sql, type Kysely } from 'kysely';
import { InvalidRequestError, NotFoundError } from '@routewise/errors';
import type { Database } from '../database';
import { inTransaction } from '../in-transaction';
import type { ClassifierVersion, NewClassifierVersion } from '../tables/classifier-versions.table';

/** A version without its artifact, for listings (artifacts hold every weight of the model). */
export type ClassifierVersionSummary = Omit<ClassifierVersion, 'artifact'>;

/** Serializes promotions and rejections, so two concurrent promotions cannot both see "no other active version". */
const STATUS_CHANGE_LOCK = 0x52_57_43_56; // "RWCV"

export async function insertClassifierVersion(db: Kysely<Database>, row: NewClassifierVersion): Promise<ClassifierVersion> {
  return db.insertInto('classifier_versions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findClassifierVersion(db: Kysely<Database>, version: string): Promise<ClassifierVersion | undefined> {
  return db.selectFrom('classifier_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

/** The version every router should load, if one was promoted. */
export async function findActiveClassifier(db: Kysely<Database>): Promise<ClassifierVersion | undefined> {
  return db.selectFrom('classifier_versions').selectAll().where('status', '=', 'active').executeTakeFirst();
}

/**
 * Makes `version` the active classifier. The previously active one goes back to `candidate` with the reason
 * `superseded by <version>`. Promoting the active version changes nothing. Throws NotFoundError for an unknown one.
 */
export async function promoteClassifier(db: Kysely<Database>, version: string): Promise<ClassifierVersion> {
  return inTransaction(db, async (transaction) => {
    await lockStatusChanges(transaction);
    const target = await requireVersion(transaction, version);
    if (target.status === 'active') return target;
    await transaction
      .updateTable('classifier_versions')
      .set({ status: 'candidate', reason: `superseded by ${version}` })
      .where('status', '=', 'active')
      .execute();
    return transaction
      .updateTable('classifier_versions')
      .set({ status: 'active', reason: null, promoted_at: sql<Date>`now()` })
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Marks a version `rejected` with a reason. The active version cannot be rejected: promote another one first. */
export async function rejectClassifier(db: Kysely<Database>, version: string, reason: string): Promise<ClassifierVersion> {
  return inTransaction(db, async (transaction) => {
    await lockStatusChanges(transaction);
    const target = await requireVersion(transaction, version);
    if (target.status === 'active') {
      throw new InvalidRequestError(`Classifier version '${version}' is active; promote another version before rejecting it.`);
    }
    return transaction
      .updateTable('classifier_versions')
      .set({ status: 'rejected', reason })
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Every version without its artifact, newest first. */
export async function listClassifierVersions(db: Kysely<Database>): Promise<ClassifierVersionSummary[]> {
  return db
    .selectFrom('classifier_versions')
    .select(['version', 'embedder_id', 'metrics', 'status', 'reason', 'created_at', 'promoted_at'])
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

async function lockStatusChanges(transaction: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(STATUS_CHANGE_LOCK)})`.execute(transaction);
}

async function requireVersion(transaction: Kysely<Database>, version: string): Promise<ClassifierVersion> {
  const row = await findClassifierVersion(transaction, version);
  if (row === undefined) throw new NotFoundError(`No classifier version '${version}'.`);
  return row;
}
