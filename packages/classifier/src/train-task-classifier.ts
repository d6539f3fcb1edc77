import { createHash } from 'node:crypto';
import type LogisticRegression from 'ml-logistic-regression';
import type { Embedder } from '@routewise/embedder';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import { classificationReport } from './classification-metrics';
import { rawFeatures, type FeatureLayout, type Standardization } from './feature-vector';
import { fitLogisticRegression } from './fit-logistic-regression';
import { isHeldOut } from './holdout-split';
import { countPerLabel, digestOfExamples, type LabeledExample } from './labeled-example';
import { oneVersusRestLogits } from './logistic-regression-task-classifier';
import { SHAPE_FEATURE_NAMES } from './shape-features';
import { sparseModelMatrix, type RawFeatureRow } from './sparse-model-rows';
import { describeTask } from './task-description';
import { fitTemperature, softmax } from './temperature-calibration';

export interface TrainingOptions {
  /** Full-batch gradient steps per one-vs-rest classifier (the package's default of 50,000 is far too slow). */
  numSteps: number;
  /** Step size per example; the package sums gradients over rows, so it is divided by the row count. */
  learningRate: number;
  /** Buckets of the hashed bag of words beside the embedding; 0 for the embedding alone. */
  wordDimension: number;
  /** Share of examples held out to fit the temperature and report metrics; the final model trains on all. */
  holdoutFraction: number;
  onProgress?: (stage: TrainingStage, done: number, total: number) => void;
}

export type TrainingStage = 'embed' | 'fit-holdout-model' | 'fit-final-model';

export const DEFAULT_TRAINING_OPTIONS: Readonly<TrainingOptions> = Object.freeze({
  numSteps: 50,
  learningRate: 1,
  wordDimension: 1024,
  holdoutFraction: 0.15,
});

/** Raw (unstandardized) feature rows for labeled conversations, embedded in batches. */
export async function featurizeExamples(
  examples: readonly Pick<LabeledExample, 'messages'>[],
  embedder: Embedder,
  layout: FeatureLayout,
  onProgress?: (done: number, total: number) => void,
): Promise<Float64Array[]> {
  const descriptions = examples.map((example) => describeTask(example.messages));
  const rows: Float64Array[] = [];
  const batchSize = 32;
  for (let start = 0; start < descriptions.length; start += batchSize) {
    const batch = descriptions.slice(start, start + batchSize);
    const embeddings = await embedder.embed(batch.map((description) => description.text));
    batch.forEach((description, index) => rows.push(rawFeatures({ embedding: embeddings[index]!, description }, layout)));
    onProgress?.(Math.min(start + batchSize, descriptions.length), descriptions.length);
  }
  return rows;
}

/**
 * Trains a classifier artifact: fit on most examples, calibrate the temperature and measure on the held-out rest,
 * then refit on everything with the same settings.
 */
export async function trainTaskClassifier(
  examples: readonly LabeledExample[],
  embedder: Embedder,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): Promise<ClassifierArtifact> {
  const counts = countPerLabel(examples);
  const missing = TASK_LABELS.filter((label) => counts[label] === 0);
  if (missing.length > 0) throw new Error(`training data has no examples of: ${missing.join(', ')}`);

  const layout: FeatureLayout = { embeddingDimension: embedder.dimension, wordDimension: options.wordDimension, shapeFeatureCount: SHAPE_FEATURE_NAMES.length };
  const rows = await featurizeExamples(examples, embedder, layout, (done, total) => options.onProgress?.('embed', done, total));
  const targets = examples.map((example) => TASK_LABELS.indexOf(example.label));
  const weights = examples.map((example) => example.weight ?? 1);
  const inHoldout = examples.map((example) => isHeldOut(example.id, options.holdoutFraction));
  const pick = <T>(values: readonly T[], holdout: boolean) => values.filter((_, index) => inHoldout[index] === holdout);

  options.onProgress?.('fit-holdout-model', 0, 1);
  const fitted = fitLogisticRegression(pick(rows, false), pick(targets, false), pick(weights, false), layout, options);
  const holdoutLogits = logitsFor(fitted.model, fitted.standardization, pick(rows, true));
  const holdoutTargets = pick(targets, true);
  const temperature = holdoutLogits.length > 0 ? fitTemperature(holdoutLogits, holdoutTargets) : 1;
  const holdoutPredictions = holdoutLogits.map((logits) => TASK_LABELS[argmax(softmax(logits, temperature))]!);
  const holdoutReport = classificationReport(holdoutTargets.map((index) => TASK_LABELS[index]!), holdoutPredictions, TASK_LABELS);
  options.onProgress?.('fit-holdout-model', 1, 1);

  options.onProgress?.('fit-final-model', 0, 1);
  const final = fitLogisticRegression(rows, targets, weights, layout, options);
  options.onProgress?.('fit-final-model', 1, 1);

  const digest = digestOfExamples(examples);
  const createdAt = new Date();
  return {
    format: 'routewise-task-classifier/v1',
    version: versionName(createdAt, digest, embedder.id),
    createdAt: createdAt.toISOString(),
    labels: [...TASK_LABELS],
    embedder: { id: embedder.id, kind: embedder.kind, dimension: embedder.dimension },
    features: { wordDimension: options.wordDimension, shapeFeatures: [...SHAPE_FEATURE_NAMES], standardization: final.standardization },
    model: JSON.parse(JSON.stringify(final.model.toJSON())),
    calibration: { temperature },
    hyperparameters: { numSteps: options.numSteps, learningRate: options.learningRate },
    trainingData: { digest, examples: examples.length, perLabel: counts },
    metrics: {
      holdout: {
        examples: holdoutTargets.length,
        accuracy: holdoutReport.accuracy,
        macroF1: holdoutReport.macroF1,
        perLabel: holdoutReport.perLabel,
      },
    },
  };
}

/** Per-row one-vs-rest logits of a fitted model for raw feature rows. */
export function logitsFor(model: LogisticRegression, standardization: Standardization, rows: readonly RawFeatureRow[]): number[][] {
  if (rows.length === 0) return [];
  return oneVersusRestLogits(model, sparseModelMatrix(rows, standardization));
}

export function argmax(values: readonly number[]): number {
  return values.reduce((best, value, index) => (value > values[best]! ? index : best), 0);
}

export function versionName(createdAt: Date, digest: string, embedderId: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const suffix = createHash('sha256').update(digest).update(embedderId).digest('hex').slice(0, 8);
  return `${stamp}-${suffix}`;
}
