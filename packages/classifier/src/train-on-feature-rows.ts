import { createHash } from 'node:crypto';
import { InsufficientTrainingDataError } from '@routewise/errors';
import type { Embedder } from '@routewise/embedder';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import type { ClassificationReport } from './classification-metrics';
import { evaluateArtifactOnRows } from './evaluate-artifact';
import { featureCount, type FeatureLayout } from './feature-vector';
import { fitLogisticRegression } from './fit-logistic-regression';
import { isHeldOut } from './holdout-split';
import { SHAPE_FEATURE_NAMES } from './shape-features';
import type { RawFeatureRow } from './sparse-model-rows';
import { fitTemperature } from './temperature-calibration';
import { logitsFor, versionName } from './train-task-classifier';

/** One labeled raw feature row: a seed prompt already embedded, or a decision's row from the database. */
export interface FeatureRowExample {
  /** Stable id (seed prompt id or request id); it picks the calibration rows. */
  id?: string | undefined;
  features: RawFeatureRow;
  label: TaskLabel;
  /** How much the row counts (a correction 1, a thumbs-up 0.5); see `replicationCounts`. */
  weight: number;
  /** `holdout` rows are only ever evaluated on, never fitted. */
  split: 'train' | 'holdout';
}

export type RowTrainingStage = 'fit-calibration-model' | 'fit-final-model' | 'evaluate';

export interface RowTrainingOptions {
  numSteps: number;
  learningRate: number;
  /** Share of the training rows (never the holdout) set aside to fit the temperature. */
  calibrationFraction: number;
  onProgress?: ((stage: RowTrainingStage, done: number, total: number) => void) | undefined;
}

export const DEFAULT_ROW_TRAINING_OPTIONS: Readonly<RowTrainingOptions> = Object.freeze({ numSteps: 50, learningRate: 1, calibrationFraction: 0.15 });

export interface RowTrainingResult {
  artifact: ClassifierArtifact;
  /** The final model on the holdout rows (also in `artifact.metrics.holdout`). */
  holdout: ClassificationReport<TaskLabel>;
  /** Training rows after weights became copies. */
  replicatedRows: number;
}

const CALIBRATION_SALT = 'calibration:';

/**
 * Trains a classifier on raw feature rows. Only `split = train` rows are fitted: a model on most of them fits the
 * temperature on the rest (the calibration rows), then the final model is fitted on all training rows. The holdout
 * rows only measure the final model, so every retrain is judged on examples it never saw.
 */
export function trainOnFeatureRows(
  rows: readonly FeatureRowExample[],
  embedder: Pick<Embedder, 'id' | 'kind' | 'dimension'>,
  layout: FeatureLayout,
  options: RowTrainingOptions = DEFAULT_ROW_TRAINING_OPTIONS,
): RowTrainingResult {
  const width = featureCount(layout);
  rows.forEach((row, index) => {
    if (row.features.length !== width) throw new RangeError(`feature row ${row.id ?? index} has ${row.features.length} values; the layout has ${width}`);
  });
  const train = rows.filter((row) => row.split === 'train' && row.weight > 0);
  const holdout = rows.filter((row) => row.split === 'holdout');
  const perLabel = Object.fromEntries(TASK_LABELS.map((label) => [label, 0])) as Record<TaskLabel, number>;
  for (const row of train) perLabel[row.label] += 1;
  const missing = TASK_LABELS.filter((label) => perLabel[label] === 0);
  if (missing.length > 0) throw new InsufficientTrainingDataError(`training rows have no examples of: ${missing.join(', ')}`);

  const inCalibration = train.map((row, index) => isHeldOut(row.id ?? String(index), options.calibrationFraction, CALIBRATION_SALT));
  const fitRows = train.filter((_, index) => !inCalibration[index]);
  const calibrationRows = train.filter((_, index) => inCalibration[index]);
  const settings = { numSteps: options.numSteps, learningRate: options.learningRate };

  options.onProgress?.('fit-calibration-model', 0, 1);
  let temperature = 1;
  if (calibrationRows.length > 0 && TASK_LABELS.every((label) => fitRows.some((row) => row.label === label))) {
    const calibrationModel = fitLogisticRegression(fitRows.map((row) => row.features), targetsOf(fitRows), fitRows.map((row) => row.weight), layout, settings);
    const logits = logitsFor(calibrationModel.model, calibrationModel.standardization, calibrationRows.map((row) => row.features));
    temperature = fitTemperature(logits, targetsOf(calibrationRows));
  }
  options.onProgress?.('fit-calibration-model', 1, 1);

  options.onProgress?.('fit-final-model', 0, 1);
  const final = fitLogisticRegression(train.map((row) => row.features), targetsOf(train), train.map((row) => row.weight), layout, settings);
  options.onProgress?.('fit-final-model', 1, 1);

  const digest = digestOfRows(train);
  const createdAt = new Date();
  const artifact: ClassifierArtifact = {
    format: 'routewise-task-classifier/v1',
    version: versionName(createdAt, digest, embedder.id),
    createdAt: createdAt.toISOString(),
    labels: [...TASK_LABELS],
    embedder: { id: embedder.id, kind: embedder.kind, dimension: embedder.dimension },
    features: { wordDimension: layout.wordDimension, shapeFeatures: [...SHAPE_FEATURE_NAMES], standardization: final.standardization },
    model: JSON.parse(JSON.stringify(final.model.toJSON())),
    calibration: { temperature },
    hyperparameters: { numSteps: options.numSteps, learningRate: options.learningRate },
    trainingData: { digest, examples: train.length, perLabel },
    metrics: { holdout: { examples: 0, accuracy: 0, macroF1: 0, perLabel: {} } },
  };

  options.onProgress?.('evaluate', 0, 1);
  const report = evaluateArtifactOnRows(artifact, holdout);
  artifact.metrics.holdout = { examples: holdout.length, accuracy: report.accuracy, macroF1: report.macroF1, perLabel: report.perLabel };
  options.onProgress?.('evaluate', 1, 1);
  return { artifact, holdout: report, replicatedRows: final.replicatedRows };
}

function targetsOf(rows: readonly FeatureRowExample[]): number[] {
  return rows.map((row) => TASK_LABELS.indexOf(row.label));
}

/** What the model was fitted on: ids, labels and weights of the training rows, in order. */
function digestOfRows(rows: readonly FeatureRowExample[]): string {
  const hash = createHash('sha256');
  rows.forEach((row, index) => hash.update(JSON.stringify([row.id ?? `#${index}`, row.label, row.weight])).update('\n'));
  return `sha256:${hash.digest('hex')}`;
}
