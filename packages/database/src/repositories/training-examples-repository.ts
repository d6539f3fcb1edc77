import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { inTransaction } from '../in-transaction';
import { chunksOf, INSERT_CHUNK_ROWS } from '../insert-chunks';
import type { NewTrainingExample, TrainingExample, TrainingSplit } from '../tables/training-examples.table';

/**
 * Stores training examples. One with a request id replaces the earlier example for that request (label, source,
 * text, feature row, weight) but keeps its split, so the evaluation split stays fixed; within one call the last
 * example for a request id wins. Examples without a request id (seed data) are always added. Returns the stored rows.
 */
export async function insertTrainingExamples(
  db: Kysely<Database>,
  rows: readonly NewTrainingExample[],
): Promise<TrainingExample[]> {
  if (rows.length === 0) return [];
  const byRequest = new Map<string, NewTrainingExample>();
  const withoutRequest: NewTrainingExample[] = [];
  for (const row of rows) {
    if (row.request_id === null || row.request_id === undefined) withoutRequest.push(row);
    else byRequest.set(row.request_id, row);
  }
  // Sorted by request id so concurrent writers lock rows in the same order.
  const withRequest = [...byRequest.entries()].sort(([left], [right]) => (left < right ? -1 : 1)).map(([, row]) => row);
  const ordered = [...withRequest, ...withoutRequest];
  return inTransaction(db, async (transaction) => {
    const stored: TrainingExample[] = [];
    for (const chunk of chunksOf(ordered, INSERT_CHUNK_ROWS)) {
      const result = await transaction
        .insertInto('training_examples')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.column('request_id').doUpdateSet((eb) => ({
            source: eb.ref('excluded.source'),
            label: eb.ref('excluded.label'),
            text: eb.ref('excluded.text'),
            features: eb.ref('excluded.features'),
            ngram_counts: eb.ref('excluded.ngram_counts'),
            feature_layout: eb.ref('excluded.feature_layout'),
            embedder_id: eb.ref('excluded.embedder_id'),
            weight: eb.ref('excluded.weight'),
          })),
        )
        .returningAll()
        .execute();
      stored.push(...result);
    }
    return stored;
  });
}

export interface TrainingExampleFilter {
  /** Only examples whose features came from this embedder. */
  embedderId?: string;
  split?: TrainingSplit;
}

/** Training examples, oldest first. */
export async function listTrainingExamples(
  db: Kysely<Database>,
  filter: TrainingExampleFilter = {},
): Promise<TrainingExample[]> {
  let query = db.selectFrom('training_examples').selectAll();
  if (filter.embedderId !== undefined) query = query.where('embedder_id', '=', filter.embedderId);
  if (filter.split !== undefined) query = query.where('split', '=', filter.split);
  return query.orderBy('id').execute();
}

/** How many training examples are stored; retraining schedules compare it with the count at the last retrain. */
export async function countTrainingExamples(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('training_examples').select((eb) => eb.fn.countAll<string | number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
