import { createHash } from 'node:crypto';
import type { Embedder } from '@routewise/embedder';
import { InsufficientTrainingDataError } from '@routewise/errors';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from '../classifier-artifact';
import { classificationReport, type ClassificationReport } from '../classification-metrics';
import type { FeatureLayout } from '../features/feature-row';
import { fitSoftmaxRegression, softmaxLogits } from '../model/softmax-regression';
import { decodeWeights, encodeWeights } from '../model/weight-encoding';
import { SHAPE_FEATURE_NAMES } from '../shape-features';
import { fitTemperature, softmax } from '../temperature-calibration';
import { chooseFallbackThreshold } from './fallback-threshold';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from './hyperparameters';
import { outOfSourcePredictions, type SourcedRow } from './out-of-source';

/** A feature row to train on (`train`) or only to measure with (`holdout`). */
export interface TrainingRow extends SourcedRow {
  split: 'train' | 'holdout';
}

export type TrainingStage = 'cross-fit' | 'final-fit' | 'evaluate';

/** A trained classifier's calibration and weights, reused by a retrain instead of refitting the source folds. */
export interface InheritedModel {
  calibration: ClassifierArtifact['calibration'];
  /** Starting weights (same layout); the fit converges to the same optimum from anywhere, just sooner. */
  weights: Float32Array;
}

export interface TrainingOptions {
  hyperparameters: Hyperparameters;
  /**
   * Source folds for the out-of-source predictions that set the temperature and the fallback threshold; 0 keeps
   * `inherit`'s calibration instead (retraining, which must stay fast).
   */
  folds: number;
  inherit?: InheritedModel | undefined;
  /** The share of confident predictions that must be right; it sets the fallback threshold. */
  targetPrecision: number;
  onProgress?: ((stage: TrainingStage, done: number, total: number) => void) | undefined;
  /** The final fit's loss after each iteration. */
  onIteration?: ((iteration: number, loss: number) => void) | undefined;
}

export const DEFAULT_TRAINING_OPTIONS: Readonly<TrainingOptions> = Object.freeze({ hyperparameters: DEFAULT_HYPERPARAMETERS, folds: 4, targetPrecision: 0.9 });

export interface TrainingResult {
  artifact: ClassifierArtifact;
  /** The final model on the holdout rows, or the out-of-source predictions when there are none. */
  report: ClassificationReport<TaskLabel>;
}

/**
 * Trains a classifier on the `train` rows:
 * 1. out-of-source predictions: the rows are split into source folds and each fold is predicted by a model fitted
 *    on the others, so the calibration sees confidences as they are on sources a model never saw;
 * 2. the temperature that makes those probabilities honest, and the fallback threshold that keeps the confident
 *    share at `targetPrecision` right;
 * 3. the final model, fitted on every training row until the loss stops falling.
 * `holdout` rows are never fitted; they measure the final model.
 */
export function trainClassifier(
  rows: readonly TrainingRow[],
  embedder: Pick<Embedder, 'id' | 'kind' | 'dimension'>,
  layout: FeatureLayout,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): TrainingResult {
  const hyperparameters = options.hyperparameters;
  if (layout.ngramDimension !== hyperparameters.ngramDimension) throw new RangeError(`layout has ${layout.ngramDimension} n-gram buckets, the hyperparameters ${hyperparameters.ngramDimension}`);
  const train = rows.filter((row) => row.split === 'train' && row.weight > 0);
  const holdout = rows.filter((row) => row.split === 'holdout');
  const perLabel = Object.fromEntries(TASK_LABELS.map((label) => [label, 0])) as Record<TaskLabel, number>;
  const perSource: Record<string, number> = {};
  for (const row of train) {
    perLabel[row.label] += 1;
    perSource[row.source] = (perSource[row.source] ?? 0) + 1;
  }
  const missing = TASK_LABELS.filter((label) => perLabel[label] === 0);
  if (missing.length > 0) throw new InsufficientTrainingDataError(`training rows have no examples of: ${missing.join(', ')}`);

  const gold = train.map((row) => TASK_LABELS.indexOf(row.label));
  const calibrated = options.folds > 0 ? calibrateOutOfSource(train, gold, options) : inherited(options);
  const { temperature, threshold, start, crossProbabilities } = calibrated;

  options.onProgress?.('final-fit', 0, 1);
  const fitStart = performance.now();
  const final = fitSoftmaxRegression(
    { rows: train.map((row) => row.features), targets: gold, weights: train.map((row) => row.weight) },
    TASK_LABELS.length,
    hyperparameters.ngramDimension,
    { ...hyperparameters, start, onIteration: options.onIteration },
  );
  const fitSeconds = (performance.now() - fitStart) / 1000;
  options.onProgress?.('final-fit', 1, 1);

  options.onProgress?.('evaluate', 0, 1);
  const evaluated = holdout.length > 0 || !crossProbabilities ? holdout : train;
  const predicted =
    holdout.length > 0 || !crossProbabilities
      ? holdout.map((row) => TASK_LABELS[argmax(softmaxLogits(final.model, row.features))]!)
      : crossProbabilities.map((probabilities) => TASK_LABELS[argmax(probabilities)]!);
  const report = classificationReport(evaluated.map((row) => row.label), predicted, TASK_LABELS.filter((label) => evaluated.some((row) => row.label === label)), TASK_LABELS);
  options.onProgress?.('evaluate', 1, 1);

  const digest = digestOfRows(train);
  const createdAt = new Date();
  const artifact: ClassifierArtifact = {
    format: 'routewise-task-classifier/v2',
    version: versionName(createdAt, digest, embedder.id),
    createdAt: createdAt.toISOString(),
    labels: [...TASK_LABELS],
    embedder: { id: embedder.id, kind: embedder.kind, dimension: embedder.dimension },
    features: { layout: { ...layout }, shapeFeatures: [...SHAPE_FEATURE_NAMES] },
    model: {
      kind: 'softmax-regression',
      denseMean: Array.from(final.model.denseMean),
      denseScale: Array.from(final.model.denseScale),
      ngramScale: final.model.ngramScale,
      weights: encodeWeights(final.model.weights),
    },
    calibration: {
      temperature,
      fallbackThreshold: threshold.fallbackThreshold,
      threshold: threshold.threshold,
    },
    hyperparameters: { l2: hyperparameters.l2, ngramScale: hyperparameters.ngramScale, maxIterations: hyperparameters.maxIterations, relativeTolerance: hyperparameters.relativeTolerance, folds: options.folds },
    fit: { iterations: final.iterations, converged: final.converged, seconds: Number(fitSeconds.toFixed(2)), lossCurve: final.lossCurve.map((loss) => Number(loss.toPrecision(6))) },
    trainingData: { digest, examples: train.length, perLabel, perSource },
    metrics: { holdout: { examples: evaluated.length, accuracy: report.accuracy, macroF1: report.macroF1, perLabel: report.perLabel } },
  };
  return { artifact, report };
}

interface Calibration {
  temperature: number;
  threshold: Pick<ClassifierArtifact['calibration'], 'fallbackThreshold' | 'threshold'>;
  start: Float32Array | undefined;
  /** Out-of-source probabilities per training row; null when the calibration was inherited. */
  crossProbabilities: number[][] | null;
}

function calibrateOutOfSource(train: readonly TrainingRow[], gold: readonly number[], options: TrainingOptions): Calibration {
  const { logits, meanWeights } = outOfSourcePredictions(train, options.folds, options.hyperparameters, (fold, folds) => options.onProgress?.('cross-fit', fold, folds));
  const temperature = fitTemperature(logits.map((row) => Array.from(row)), [...gold]);
  const crossProbabilities = logits.map((row) => softmax(Array.from(row), temperature));
  const choice = chooseFallbackThreshold(
    crossProbabilities.map((probabilities, index) => ({ confidence: Math.max(...probabilities), correct: argmax(probabilities) === gold[index] })),
    options.targetPrecision,
  );
  return {
    temperature,
    threshold: {
      fallbackThreshold: choice.threshold,
      threshold: { targetPrecision: choice.targetPrecision, confidentAccuracy: choice.confidentAccuracy, fallbackShare: choice.fallbackShare, predictions: train.length },
    },
    start: meanWeights,
    crossProbabilities,
  };
}

function inherited(options: TrainingOptions): Calibration {
  if (!options.inherit) throw new RangeError('training with folds = 0 needs a model to inherit the calibration from');
  const { calibration, weights } = options.inherit;
  return { temperature: calibration.temperature, threshold: { fallbackThreshold: calibration.fallbackThreshold, threshold: calibration.threshold }, start: weights, crossProbabilities: null };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) if (values[index]! > values[best]!) best = index;
  return best;
}

/** What the model was fitted on: ids, labels and weights of the training rows, in order. */
function digestOfRows(rows: readonly TrainingRow[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify([row.id, row.label, row.weight])).update('\n');
  return `sha256:${hash.digest('hex')}`;
}

export function versionName(createdAt: Date, digest: string, embedderId: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const suffix = createHash('sha256').update(digest).update(embedderId).digest('hex').slice(0, 8);
  return `${stamp}-${suffix}`;
}

/** What a retrain keeps from a trained artifact: its calibration, and its weights as the fit's starting point. */
export function inheritFrom(artifact: ClassifierArtifact): InheritedModel {
  const layout = artifact.features.layout;
  const width = layout.embeddingDimension + layout.shapeFeatureCount + layout.ngramDimension + 1;
  return { calibration: artifact.calibration, weights: decodeWeights(artifact.model.weights, width * artifact.labels.length) };
}
