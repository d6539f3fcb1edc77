import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { fitStandardization, type FeatureLayout, type Standardization } from './feature-vector';
import { replicationCounts } from './row-replication';
import { sparseModelMatrix, type RawFeatureRow } from './sparse-model-rows';

export interface FitSettings {
  numSteps: number;
  /** Step size per (replicated) row; the package sums gradients over rows, so it is divided by the row count. */
  learningRate: number;
}

export interface FittedModel {
  model: LogisticRegression;
  standardization: Standardization;
  /** Rows the package saw after weights became copies. */
  replicatedRows: number;
}

/**
 * Fits ml-logistic-regression's one-vs-rest model on raw feature rows. Weights become row copies
 * (see `replicationCounts`); standardization is fitted on the copies too, so it is weighted the same way.
 */
export function fitLogisticRegression(
  rows: readonly RawFeatureRow[],
  targets: readonly number[],
  weights: readonly number[],
  layout: FeatureLayout,
  settings: FitSettings,
): FittedModel {
  const copies = replicationCounts(weights);
  const replicated: RawFeatureRow[] = [];
  const replicatedTargets: number[] = [];
  rows.forEach((row, index) => {
    for (let copy = 0; copy < copies[index]!; copy++) {
      replicated.push(row);
      replicatedTargets.push(targets[index]!);
    }
  });
  const standardization = fitStandardization(replicated, layout);
  const features = sparseModelMatrix(rows, standardization, copies);
  const model = new LogisticRegression({ numSteps: settings.numSteps, learningRate: settings.learningRate / replicated.length });
  model.train(features, Matrix.columnVector(replicatedTargets));
  return { model, standardization, replicatedRows: replicated.length };
}
