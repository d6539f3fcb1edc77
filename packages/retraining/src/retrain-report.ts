import type { LabelMetrics } from '@routewise/classifier';
import type { TrainingExampleSource } from '@routewise/database';
import type { TaskLabel } from '@routewise/taxonomy';

/** Where a training example came from: the project's prompts, or one of the database's sources. */
export type ExampleSource = TrainingExampleSource;

export interface SplitCount {
  train: number;
  holdout: number;
}

export interface SkippedExamples {
  /** Features from another embedder than the one retraining with. */
  otherEmbedder: number;
  /** Same embedder, but another feature layout (e.g. another hashed-word dimension). */
  otherLayout: number;
  /** A label, text only: nothing to train on without an embedding of the original prompt. */
  withoutFeatures: number;
  /** `seed` rows in the database: the seed prompts are read from the training directory instead. */
  seedRowsInDatabase: number;
}

export interface ExampleCounts {
  bySource: Record<ExampleSource, SplitCount>;
  byLabel: Record<TaskLabel, SplitCount>;
  train: number;
  holdout: number;
  skipped: SkippedExamples;
}

export interface HoldoutMetrics {
  examples: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<TaskLabel, LabelMetrics>;
}

export type RetrainDecision = 'promote' | 'reject';

/** What a retrain did, for the CLI table, the HTTP answer and the logs. */
export interface RetrainReport {
  dryRun: boolean;
  embedderId: string;
  examples: ExampleCounts;
  /**
   * What the candidate was compared with: the active version, or (none active for this embedder) the seed
   * classifier, fitted by the same rule on the seed examples' training split.
   */
  baseline: { kind: 'active' | 'seed'; version: string | null; metrics: HoldoutMetrics };
  candidate: { version: string; metrics: HoldoutMetrics; iterations: number; converged: boolean; temperature: number; fallbackThreshold: number };
  marginMacroF1: number;
  decision: RetrainDecision;
  reason: string;
  /** The candidate's stored status; null on a dry run (nothing written). */
  storedStatus: 'active' | 'rejected' | null;
  timingsMs: { gather: number; embed: number; train: number; baseline: number; store: number; total: number };
}
