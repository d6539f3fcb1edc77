import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { inTransaction } from '../in-transaction';
import { chunksOf, INSERT_CHUNK_ROWS } from '../insert-chunks';
import type { Decision, NewDecision } from '../tables/decisions.table';
import { addUsage } from './usage-by-key-repository';

/**
 * Stores a batch of decisions; a request id already stored is skipped, so routers can resend a batch safely.
 * In the same transaction, adds the new decisions (only those) to usage_by_key. Returns how many were new.
 */
export async function insertDecisions(db: Kysely<Database>, rows: readonly NewDecision[]): Promise<number> {
  if (rows.length === 0) return 0;
  // One order for every writer, so two overlapping batches take their row locks in the same order (no deadlock).
  const ordered = [...rows].sort((left, right) => compareText(left.request_id, right.request_id));
  return inTransaction(db, async (transaction) => {
    const inserted: Array<Pick<Decision, 'caller_key_hash' | 'created_at' | 'cost_usd'>> = [];
    for (const chunk of chunksOf(ordered, INSERT_CHUNK_ROWS)) {
      const stored = await transaction
        .insertInto('decisions')
        .values(chunk)
        .onConflict((conflict) => conflict.column('request_id').doNothing())
        .returning(['caller_key_hash', 'created_at', 'cost_usd'])
        .execute();
      inserted.push(...stored);
    }
    await addUsage(transaction, inserted);
    return inserted.length;
  });
}

export async function findDecision(db: Kysely<Database>, requestId: string): Promise<Decision | undefined> {
  return db.selectFrom('decisions').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/** A decision labeled by the fallback LLM, with the classifier's feature row it was made from. */
export type FallbackLabeledDecision = Pick<Decision, 'request_id' | 'task' | 'features' | 'ngram_counts' | 'feature_layout' | 'embedder_id'>;

/**
 * Decisions whose task the fallback LLM chose and that kept their feature row, oldest first: route source `llm`, or
 * the LLM was asked and its label replaced the classifier's while a rule or learned routing picked the model (the
 * route source is then `rule` or `learned`, but the task is still the LLM's). Requests with any feedback or training
 * example are left out: what a user said about them wins over the LLM's label.
 */
export async function listFallbackLabeledDecisions(db: Kysely<Database>, embedderId: string): Promise<FallbackLabeledDecision[]> {
  return db
    .selectFrom('decisions')
    .select(['request_id', 'task', 'features', 'ngram_counts', 'feature_layout', 'embedder_id'])
    .where((eb) => eb.or([eb('source', '=', 'llm'), eb.and([eb('fallback_model', 'is not', null), eb('task', '<>', eb.ref('classifier_task'))])]))
    .where('embedder_id', '=', embedderId)
    .where('features', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('feedback').select('feedback.request_id').whereRef('feedback.request_id', '=', 'decisions.request_id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('training_examples').select('training_examples.id').whereRef('training_examples.request_id', '=', 'decisions.request_id'))),
    )
    .orderBy('created_at')
    .orderBy('request_id')
    .execute();
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
