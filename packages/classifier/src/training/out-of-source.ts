import { createHash } from 'node:crypto';
import type { TaskLabel } from '@routewise/taxonomy';
import { TASK_LABELS } from '@routewise/taxonomy';
import type { FeatureRow } from '../features/feature-row';
import { fitSoftmaxRegression, softmaxLogits } from '../model/softmax-regression';
import type { Hyperparameters } from './hyperparameters';
import { sourceFolds } from './source-folds';

/** A labeled feature row with the source it came from. */
export interface SourcedRow {
  id: string;
  source: string;
  label: TaskLabel;
  /** How much the row counts in the fit (seed prompts 1; see the retraining weights). */
  weight: number;
  features: FeatureRow;
}

export interface OutOfSourcePredictions {
  logits: Float64Array[];
  /** The mean of the fold models' weights: a good starting point for the fit on all rows. */
  meanWeights: Float32Array;
}

/**
 * Logits for every row from a model that never saw the row's source: rows are split into folds by source
 * (`sourceFolds`), and each fold is predicted by a model fitted on all the other folds. Each fold's fit starts from
 * the previous fold's weights (the problems differ by a few sources), which roughly halves its iterations; the
 * optimum does not depend on the start.
 */
export function outOfSourcePredictions(
  rows: readonly SourcedRow[],
  folds: number,
  hyperparameters: Hyperparameters,
  onFold?: (fold: number, folds: number) => void,
): OutOfSourcePredictions {
  const foldOf = foldsFor(rows, folds);
  const foldIds = [...new Set(rows.map(foldOf))].sort((a, b) => a - b);
  const foldCount = foldIds.length;
  const logits = new Array<Float64Array>(rows.length);
  let previous: Float32Array | undefined;
  let meanWeights: Float32Array | undefined;
  for (const [position, fold] of foldIds.entries()) {
    onFold?.(position, foldCount);
    const inFold = rows.map((row) => foldOf(row) === fold);
    const training = rows.filter((_, index) => !inFold[index] && rows[index]!.weight > 0);
    const { model } = fitSoftmaxRegression(
      { rows: training.map((row) => row.features), targets: training.map((row) => TASK_LABELS.indexOf(row.label)), weights: training.map((row) => row.weight) },
      TASK_LABELS.length,
      hyperparameters.ngramDimension,
      { ...hyperparameters, start: previous },
    );
    previous = model.weights;
    meanWeights ??= new Float32Array(model.weights.length);
    for (let index = 0; index < meanWeights.length; index++) meanWeights[index]! += model.weights[index]! / foldCount;
    rows.forEach((row, index) => {
      if (inFold[index]) logits[index] = softmaxLogits(model, row.features);
    });
  }
  onFold?.(foldCount, foldCount);
  return { logits, meanWeights: meanWeights ?? new Float32Array(0) };
}

/**
 * Each row's fold: by source, or, when every row comes from one source (a deployment with one file of its own
 * prompts and no public sets), by a hash of the row's id, which is the best that data allows.
 */
function foldsFor(rows: readonly SourcedRow[], folds: number): (row: SourcedRow) => number {
  if (new Set(rows.map((row) => row.source)).size >= 2) {
    const assignment = sourceFolds(rows, folds);
    return (row) => assignment.get(row.source)!;
  }
  return (row) => createHash('sha256').update(row.id).digest().readUInt32BE(0) % Math.max(folds, 2);
}
