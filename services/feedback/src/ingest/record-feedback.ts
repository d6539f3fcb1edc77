import { createHash } from 'node:crypto';
import { findDecision, inTransaction, insertTrainingExamples, upsertFeedback, type Database, type Decision, type Kysely, type NewTrainingExample } from '@routewise/database';
import type { FeedbackRequest } from './feedback-request-schema';

/** Share of rated requests kept out of training for good, so every retrain is judged on the same examples. */
const HOLDOUT_SHARE = 0.2;
/** A thumbs-up only confirms what the classifier already said: it counts half as much as a correction. */
const CONFIRMED_PREDICTION_WEIGHT = 0.5;

export interface RecordedFeedback {
  created: boolean;
  trainingExample: 'user_correction' | 'confirmed_prediction' | null;
}

/**
 * Stores the feedback and, in the same transaction, what it teaches: a thumbs-down with a task is a corrected
 * label, a thumbs-up confirms the predicted one. Acknowledged only once committed.
 */
export async function recordFeedback(db: Kysely<Database>, decision: Decision, feedback: FeedbackRequest): Promise<RecordedFeedback> {
  return inTransaction(db, async (transaction) => {
    const stored = await upsertFeedback(transaction, {
      request_id: feedback.request_id,
      rating: feedback.rating,
      corrected_task: feedback.task ?? null,
      preferred_model: feedback.model ?? null,
      comment: feedback.comment ?? null,
    });
    const example = trainingExampleFrom(decision, feedback);
    if (example) await insertTrainingExamples(transaction, [example]);
    return { created: stored.created, trainingExample: example?.source === 'user_correction' || example?.source === 'confirmed_prediction' ? example.source : null };
  });
}

function trainingExampleFrom(decision: Decision, feedback: FeedbackRequest): NewTrainingExample | null {
  if (decision.features === null || decision.feature_layout === null) return null;
  const base = {
    request_id: decision.request_id,
    text: decision.prompt_text,
    features: decision.features,
    ngram_counts: decision.ngram_counts,
    feature_layout: decision.feature_layout,
    embedder_id: decision.embedder_id,
    split: isHoldout(decision.request_id) ? ('holdout' as const) : ('train' as const),
  };
  if (feedback.rating === 'down' && feedback.task) return { ...base, source: 'user_correction', label: feedback.task, weight: 1 };
  if (feedback.rating === 'up') return { ...base, source: 'confirmed_prediction', label: decision.task, weight: CONFIRMED_PREDICTION_WEIGHT };
  return null;
}

function isHoldout(requestId: string): boolean {
  return createHash('sha256').update(requestId).digest().readUInt32BE(0) / 0x1_0000_0000 < HOLDOUT_SHARE;
}

/**
 * Routers ship decisions every quarter second, so feedback sent right after an answer can arrive first. Wait a
 * little for the decision before calling the request id unknown.
 */
export async function waitForDecision(db: Kysely<Database>, requestId: string, waitMs: number): Promise<Decision | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const decision = await findDecision(db, requestId);
    if (decision || Date.now() >= deadline) return decision;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
