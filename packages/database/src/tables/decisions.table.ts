import type { ColumnType, Insertable, Selectable } from 'kysely';

export type DecisionKind = 'route' | 'completion';
export type DecisionSource = 'pinned' | 'rule' | 'classifier' | 'llm' | 'learned';
export type DecisionStatus = 'ok' | 'error';

/**
 * How the classifier's feature row is laid out (the classifier's `FeatureLayout`): `features` holds the embedding
 * (`embeddingDimension` numbers) then the shape features (`shapeFeatureCount`); `ngram_counts` holds the hashed
 * n-gram counts, in `ngramDimension` buckets, hashed and packed as `ngramScheme` names.
 *
 * Rows stored before the n-gram counts existed hold `{ embeddingDimension, wordDimension, shapeFeatureCount }`
 * instead (and no `ngram_counts`); the column is jsonb, so nothing checks the shape: readers compare layouts and skip
 * those rows.
 */
export interface FeatureLayoutColumn {
  embeddingDimension: number;
  /** Buckets of the hashed n-gram counts (a power of two). */
  ngramDimension: number;
  /** How the n-grams were hashed and packed (`ngram-counts/v1`). */
  ngramScheme: string;
  shapeFeatureCount: number;
}

/** One model a cascade tried. */
export interface CascadeAttemptColumn {
  model: string;
  passed: boolean;
  failed: string | null;
  reason: string;
  costUsd: number;
}

/** A timestamptz column: read as a Date, written as a Date or an ISO 8601 string. */
export type TimestampColumn = ColumnType<Date, Date | string, Date | string>;

/** One routing decision, as the router recorded it. Written once, never updated. */
export interface DecisionsTable {
  request_id: string;
  created_at: TimestampColumn;
  kind: DecisionKind;
  task: string;
  confidence: number;
  /** Task label to probability. jsonb: pass a plain object. */
  probabilities: Record<string, number>;
  classifier_task: string;
  source: DecisionSource;
  reason: string;
  rule: string | null;
  model: string;
  provider: string;
  fallback_model: string | null;
  fallback_cost_usd: number;
  stream: boolean;
  simulated: boolean;
  user_tier: string | null;
  caller_key_hash: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  cost_estimated: boolean;
  routing_ms: number;
  upstream_ms: number;
  total_ms: number;
  embedder_id: string;
  classifier_version: string;
  status: DecisionStatus;
  error_code: string | null;
  prompt_hash: string;
  /** Only when the feedback service stores prompts (STORE_PROMPTS=true). */
  prompt_text: string | null;
  /** The dense part of the classifier's feature row: the embedding, then the shape features (real[]: float4 precision). */
  features: number[] | null;
  /**
   * The rest of the feature row: the task text's hashed n-gram counts, packed (little-endian uint32 entries, bucket in
   * the top 18 bits) and base64-encoded. Null without a feature row and for rows stored before it existed.
   */
  ngram_counts: string | null;
  feature_layout: FeatureLayoutColumn | null;
  /**
   * The cascade's attempts (jsonb), null without a cascade. Wrapped in an object because drivers send a bare array
   * as a Postgres array, not JSON.
   */
  cascade: ColumnType<{ attempts: CascadeAttemptColumn[] } | null, { attempts: CascadeAttemptColumn[] } | null | undefined, never>;
  received_at: ColumnType<Date, Date | string | undefined, never>;
}

export type Decision = Selectable<DecisionsTable>;
export type NewDecision = Insertable<DecisionsTable>;
