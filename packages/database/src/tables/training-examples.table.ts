import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FeatureLayoutColumn } from './decisions.table';

export type TrainingExampleSource = 'seed' | 'fallback_llm' | 'user_correction' | 'confirmed_prediction';
export type TrainingSplit = 'train' | 'holdout';

/** A labeled example for retraining: text, a feature row, or both. */
export interface TrainingExamplesTable {
  /** bigserial, read as a number. */
  id: Generated<number>;
  /** The request it came from; null for seed examples. Unique when present. */
  request_id: string | null;
  source: TrainingExampleSource;
  label: string;
  text: string | null;
  /** The dense part of the feature row: the embedding, then the shape features. */
  features: number[] | null;
  /** The feature row's packed hashed n-gram counts, base64 (as in `decisions.ngram_counts`). */
  ngram_counts: string | null;
  feature_layout: FeatureLayoutColumn | null;
  /** The embedder that produced `features`. */
  embedder_id: string | null;
  weight: ColumnType<number, number | undefined, number>;
  split: TrainingSplit;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export type TrainingExample = Selectable<TrainingExamplesTable>;
export type NewTrainingExample = Insertable<TrainingExamplesTable>;
