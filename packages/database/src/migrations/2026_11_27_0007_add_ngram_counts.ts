import type { Kysely } from 'kysely';

/**
 * The classifier's feature row became a dense part (embedding, then shape features; still `features`, real[]) and
 * the packed hashed n-gram counts of the task text, kept here as base64 (little-endian uint32 entries). Null for
 * rows without a feature row and for rows stored before this change, whose `feature_layout` has `wordDimension`
 * and no `ngramDimension`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('ngram_counts', 'text').execute();
  await db.schema.alterTable('training_examples').addColumn('ngram_counts', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_examples').dropColumn('ngram_counts').execute();
  await db.schema.alterTable('decisions').dropColumn('ngram_counts').execute();
}
