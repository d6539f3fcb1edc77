import type { TaskLabel } from '@routewise/taxonomy';
import type { FeatureLayout, FeatureRow } from './features/feature-row';
import type { TaskDescription } from './task-description';

export interface TaskPrediction {
  task: TaskLabel;
  /** The top probability. */
  confidence: number;
  /** Calibrated; sums to 1 over all seven labels. */
  probabilities: Record<TaskLabel, number>;
  /** The feature row the prediction was made from (see `featureLayout`), kept for retraining. */
  features: FeatureRow;
}

export interface ClassifierInput {
  /** The embedder's vector for `description.text`. */
  embedding: Float32Array;
  description: TaskDescription;
}

/** Assigns a task label. The active implementation is swapped at run time when a newer version is promoted. */
export interface TaskClassifier {
  readonly version: string;
  /** The embedder the classifier was trained with; it must match the running embedder's id. */
  readonly embedderId: string;
  /** How `TaskPrediction.features` is laid out. */
  readonly featureLayout: FeatureLayout;
  /** The confidence below which the fallback LLM is asked, chosen when the classifier was trained. */
  readonly fallbackThreshold: number;
  classify(input: ClassifierInput): TaskPrediction;
}
