import { ngramVector, type SparseVector } from '@routewise/embedder';
import type { FeatureRow } from '../features/feature-row';
import { minimizeLbfgs } from './lbfgs';

/**
 * Multinomial logistic regression over a feature row: the dense part z-scored, the n-gram vector times
 * `ngramScale`, and a bias. Weights are feature-major: weight (feature j, class k) is `weights[j · classes + k]`,
 * with features ordered dense columns, then n-gram buckets, then the bias; so the few buckets a request touches
 * are a few contiguous runs in memory.
 */
export interface SoftmaxModel {
  classes: number;
  denseWidth: number;
  ngramDimension: number;
  ngramScale: number;
  denseMean: Float64Array;
  denseScale: Float64Array;
  weights: Float32Array;
}

export interface SoftmaxFitOptions {
  /** L2 penalty on every weight but the biases, per unit of (normalized) example weight. */
  l2: number;
  ngramScale: number;
  maxIterations: number;
  relativeTolerance: number;
  /** Weights to start from (a model fitted on similar rows); zeros otherwise. */
  start?: Float32Array | undefined;
  onIteration?: (iteration: number, loss: number) => void;
}

export interface SoftmaxFit {
  model: SoftmaxModel;
  lossCurve: number[];
  iterations: number;
  converged: boolean;
}

export interface TrainingRows {
  rows: readonly FeatureRow[];
  /** Class index per row. */
  targets: readonly number[];
  /** How much each row counts; only ratios matter. */
  weights: readonly number[];
}

/** Fits the model by L-BFGS on the weighted cross-entropy plus the L2 penalty. */
export function fitSoftmaxRegression(data: TrainingRows, classes: number, ngramDimension: number, options: SoftmaxFitOptions): SoftmaxFit {
  const matrix = buildMatrix(data, ngramDimension, options.ngramScale);
  const features = matrix.denseWidth + ngramDimension + 1;
  const objective = (theta: Float32Array, gradient: Float32Array) => lossAndGradient(matrix, classes, features, options.l2, theta, gradient);
  const start = options.start && options.start.length === features * classes ? options.start : new Float32Array(features * classes);
  const result = minimizeLbfgs(objective, start, {
    maxIterations: options.maxIterations,
    relativeTolerance: options.relativeTolerance,
    onIteration: options.onIteration ? (iteration, loss) => options.onIteration!(iteration, loss) : undefined,
  });
  return {
    model: { classes, denseWidth: matrix.denseWidth, ngramDimension, ngramScale: options.ngramScale, denseMean: matrix.mean, denseScale: matrix.scale, weights: result.x },
    lossCurve: result.lossCurve,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** One logit per class for a feature row (its n-gram vector may be passed when already computed). */
export function softmaxLogits(model: SoftmaxModel, row: FeatureRow, vector: SparseVector = ngramVector(row.ngrams)): Float64Array {
  const { classes, denseWidth, weights } = model;
  const logits = new Float64Array(classes);
  const bias = (denseWidth + model.ngramDimension) * classes;
  for (let k = 0; k < classes; k++) logits[k] = weights[bias + k]!;
  for (let j = 0; j < denseWidth; j++) {
    const value = (row.dense[j]! - model.denseMean[j]!) / model.denseScale[j]!;
    if (value === 0) continue;
    const offset = j * classes;
    for (let k = 0; k < classes; k++) logits[k]! += value * weights[offset + k]!;
  }
  const { indices, values } = vector;
  for (let e = 0; e < indices.length; e++) {
    const value = values[e]! * model.ngramScale;
    const offset = (denseWidth + indices[e]!) * classes;
    for (let k = 0; k < classes; k++) logits[k]! += value * weights[offset + k]!;
  }
  return logits;
}

interface Matrix {
  count: number;
  denseWidth: number;
  /** Standardized dense values, row-major. */
  dense: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
  /** N-gram entries of row i are `starts[i]` up to `starts[i + 1]`; values already times the n-gram scale. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  targets: Int32Array;
  /** Example weights divided by their sum. */
  weights: Float64Array;
}

function buildMatrix(data: TrainingRows, ngramDimension: number, ngramScale: number): Matrix {
  const count = data.rows.length;
  if (count === 0) throw new RangeError('no training rows');
  const denseWidth = data.rows[0]!.dense.length;
  const totalWeight = data.weights.reduce((sum, weight) => sum + weight, 0);
  if (!(totalWeight > 0)) throw new RangeError('training rows have no weight');
  const weights = Float64Array.from(data.weights, (weight) => weight / totalWeight);

  const mean = new Float64Array(denseWidth);
  const scale = new Float64Array(denseWidth);
  data.rows.forEach((row, i) => {
    if (row.dense.length !== denseWidth) throw new RangeError(`row ${i} has ${row.dense.length} dense values, row 0 has ${denseWidth}`);
    for (let j = 0; j < denseWidth; j++) mean[j]! += weights[i]! * row.dense[j]!;
  });
  data.rows.forEach((row, i) => {
    for (let j = 0; j < denseWidth; j++) scale[j]! += weights[i]! * (row.dense[j]! - mean[j]!) ** 2;
  });
  for (let j = 0; j < denseWidth; j++) scale[j] = scale[j]! > 1e-18 ? Math.sqrt(scale[j]!) : 1;

  const dense = new Float64Array(count * denseWidth);
  const vectors = data.rows.map((row) => ngramVector(row.ngrams));
  const starts = new Int32Array(count + 1);
  vectors.forEach((vector, i) => (starts[i + 1] = starts[i]! + vector.indices.length));
  const indices = new Int32Array(starts[count]!);
  const values = new Float64Array(starts[count]!);
  data.rows.forEach((row, i) => {
    for (let j = 0; j < denseWidth; j++) dense[i * denseWidth + j] = (row.dense[j]! - mean[j]!) / scale[j]!;
    const vector = vectors[i]!;
    for (let e = 0; e < vector.indices.length; e++) {
      if (vector.indices[e]! >= ngramDimension) throw new RangeError(`row ${i} has n-gram bucket ${vector.indices[e]} beyond ${ngramDimension}`);
      indices[starts[i]! + e] = vector.indices[e]!;
      values[starts[i]! + e] = vector.values[e]! * ngramScale;
    }
  });
  return { count, denseWidth, dense, mean, scale, starts, indices, values, targets: Int32Array.from(data.targets), weights };
}

function lossAndGradient(matrix: Matrix, classes: number, features: number, l2: number, theta: Float32Array, gradient: Float32Array): number {
  const { count, denseWidth, dense, starts, indices, values, targets, weights } = matrix;
  gradient.fill(0);
  const logits = new Float64Array(classes);
  const residual = new Float64Array(classes);
  const bias = (features - 1) * classes;
  let loss = 0;
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < classes; k++) logits[k] = theta[bias + k]!;
    const denseOffset = i * denseWidth;
    for (let j = 0; j < denseWidth; j++) {
      const value = dense[denseOffset + j]!;
      const offset = j * classes;
      for (let k = 0; k < classes; k++) logits[k]! += value * theta[offset + k]!;
    }
    for (let e = starts[i]!; e < starts[i + 1]!; e++) {
      const value = values[e]!;
      const offset = (denseWidth + indices[e]!) * classes;
      for (let k = 0; k < classes; k++) logits[k]! += value * theta[offset + k]!;
    }
    let max = logits[0]!;
    for (let k = 1; k < classes; k++) if (logits[k]! > max) max = logits[k]!;
    let total = 0;
    for (let k = 0; k < classes; k++) total += Math.exp(logits[k]! - max);
    const logTotal = Math.log(total) + max;
    const weight = weights[i]!;
    const target = targets[i]!;
    loss += weight * (logTotal - logits[target]!);
    for (let k = 0; k < classes; k++) residual[k] = weight * (Math.exp(logits[k]! - logTotal) - (k === target ? 1 : 0));
    for (let k = 0; k < classes; k++) gradient[bias + k]! += residual[k]!;
    for (let j = 0; j < denseWidth; j++) {
      const value = dense[denseOffset + j]!;
      const offset = j * classes;
      for (let k = 0; k < classes; k++) gradient[offset + k]! += value * residual[k]!;
    }
    for (let e = starts[i]!; e < starts[i + 1]!; e++) {
      const value = values[e]!;
      const offset = (denseWidth + indices[e]!) * classes;
      for (let k = 0; k < classes; k++) gradient[offset + k]! += value * residual[k]!;
    }
  }
  let penalty = 0;
  for (let index = 0; index < bias; index++) {
    penalty += theta[index]! * theta[index]!;
    gradient[index]! += l2 * theta[index]!;
  }
  return loss + 0.5 * l2 * penalty;
}
