import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import type { Feedback, NewFeedback } from '../tables/feedback.table';

export interface UpsertFeedbackResult {
  feedback: Feedback;
  /** False when feedback for this request id existed and was replaced. */
  created: boolean;
}

/**
 * Stores a user's feedback, one row per request id: a second submission replaces the first (its rating,
 * correction, preferred model and comment; fields it leaves out become null) and keeps `created_at`.
 * Insert-or-nothing first, then update: safe under concurrent submissions for the same id, since rows are never
 * deleted.
 */
export async function upsertFeedback(db: Kysely<Database>, feedback: NewFeedback): Promise<UpsertFeedbackResult> {
  const values = {
    rating: feedback.rating,
    corrected_task: feedback.corrected_task ?? null,
    preferred_model: feedback.preferred_model ?? null,
    comment: feedback.comment ?? null,
  };
  const inserted = await db
    .insertInto('feedback')
    .values({ request_id: feedback.request_id, ...values })
    .onConflict((conflict) => conflict.column('request_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted !== undefined) return { feedback: inserted, created: true };

  const updated = await db
    .updateTable('feedback')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('request_id', '=', feedback.request_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { feedback: updated, created: false };
}

export async function findFeedback(db: Kysely<Database>, requestId: string): Promise<Feedback | undefined> {
  return db.selectFrom('feedback').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}
