import { fitSoftmaxRegression, minimizeLbfgs, softmaxLogits, type FeatureRow, type SoftmaxFitOptions, type SoftmaxModel } from '@routewise/classifier';
import { countNgrams, ngramVector } from '@routewise/embedder';
import { seededRandom as mulberry32 } from '../../tokens/test/seeded-random';

const CLASSES = 3;
const NGRAM_DIMENSION = 64;
const DENSE_WIDTH = 4;
const WORDS = ['apple orchard harvest', 'compiler linker bytecode', 'sonnet stanza rhyme'];

interface Data {
  rows: FeatureRow[];
  targets: number[];
  weights: number[];
}

/** Three well separated classes: dense points around a class centre (seeded noise) and class-specific words. */
function separableData(perClass: number, seed: number): Data {
  const random = mulberry32(seed);
  const rows: FeatureRow[] = [];
  const targets: number[] = [];
  for (let k = 0; k < CLASSES; k++) {
    for (let i = 0; i < perClass; i++) {
      const dense = Float32Array.from({ length: DENSE_WIDTH }, (_, j) => (j === k ? 4 : 0) + (random() - 0.5) + j * 10);
      rows.push({ dense, ngrams: countNgrams(`${WORDS[k]} example ${i} ${Math.floor(random() * 5)}`, NGRAM_DIMENSION) });
      targets.push(k);
    }
  }
  return { rows, targets, weights: rows.map(() => 1) };
}

/** Overlapping classes (not separable), so the optimum is interior even with little L2. */
function noisyData(count: number, seed: number): Data {
  const random = mulberry32(seed);
  const rows: FeatureRow[] = [];
  const targets: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % CLASSES;
    const dense = Float32Array.from({ length: DENSE_WIDTH }, (_, j) => (j === k ? 1 : 0) + 2 * (random() - 0.5));
    const word = random() < 0.7 ? WORDS[k]! : WORDS[(k + 1) % CLASSES]!;
    rows.push({ dense, ngrams: countNgrams(`${word} ${Math.floor(random() * 8)}`, NGRAM_DIMENSION) });
    targets.push(k);
  }
  return { rows, targets, weights: rows.map(() => 1) };
}

const OPTIONS: SoftmaxFitOptions = { l2: 1e-2, ngramScale: 2, maxIterations: 500, relativeTolerance: 1e-6 };

/**
 * The documented model, computed here without the module: z-score the dense part with the weighted mean and
 * (population) standard deviation, n-gram vector × ngramScale, bias last; weight (feature j, class k) at j·classes+k.
 */
function logitsByHand(model: SoftmaxModel, row: FeatureRow): number[] {
  const logits: number[] = [];
  const bias = (model.denseWidth + model.ngramDimension) * model.classes;
  const vector = ngramVector(row.ngrams);
  for (let k = 0; k < model.classes; k++) {
    let logit = model.weights[bias + k]!;
    for (let j = 0; j < model.denseWidth; j++) logit += ((row.dense[j]! - model.denseMean[j]!) / model.denseScale[j]!) * model.weights[j * model.classes + k]!;
    vector.indices.forEach((index, e) => (logit += vector.values[e]! * model.ngramScale * model.weights[(model.denseWidth + index) * model.classes + k]!));
    logits.push(logit);
  }
  return logits;
}

/** Weighted mean cross-entropy (weights normalized to sum 1) plus l2/2 · the squared norm of every non-bias weight. */
function objectiveByHand(model: SoftmaxModel, data: Data, l2: number): number {
  const total = data.weights.reduce((sum, weight) => sum + weight, 0);
  let loss = 0;
  data.rows.forEach((row, i) => {
    const logits = logitsByHand(model, row);
    const max = Math.max(...logits);
    const logSum = max + Math.log(logits.reduce((sum, logit) => sum + Math.exp(logit - max), 0));
    loss += (data.weights[i]! / total) * (logSum - logits[data.targets[i]!]!);
  });
  const bias = (model.denseWidth + model.ngramDimension) * model.classes;
  let squares = 0;
  for (let index = 0; index < bias; index++) squares += model.weights[index]! ** 2;
  return loss + 0.5 * l2 * squares;
}

function nonBiasNorm(model: SoftmaxModel): number {
  const bias = (model.denseWidth + model.ngramDimension) * model.classes;
  let squares = 0;
  for (let index = 0; index < bias; index++) squares += model.weights[index]! ** 2;
  return Math.sqrt(squares);
}

const argmax = (values: ArrayLike<number>) => Array.from(values).reduce((best, value, index, all) => (value > all[best]! ? index : best), 0);

function expectNeverIncreases(curve: readonly number[]): void {
  for (let index = 1; index < curve.length; index++) expect(curve[index]!).toBeLessThanOrEqual(curve[index - 1]!);
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of a convex quadratic, with a loss curve that never increases', () => {
    const centre = [3, -1, 0.5, 10, -7];
    const curvature = [1, 10, 100, 0.5, 3];
    const objective = (x: Float32Array, gradient: Float32Array) => {
      let loss = 1;
      for (let i = 0; i < x.length; i++) {
        loss += curvature[i]! * (x[i]! - centre[i]!) ** 2;
        gradient[i] = 2 * curvature[i]! * (x[i]! - centre[i]!);
      }
      return loss;
    };
    const iterations: number[] = [];
    const result = minimizeLbfgs(objective, new Float32Array(5), { maxIterations: 200, relativeTolerance: 1e-9, onIteration: (iteration) => iterations.push(iteration) });
    expect(result.converged).toBe(true);
    result.x.forEach((value, i) => expect(value).toBeCloseTo(centre[i]!, 3));
    expect(result.loss).toBeCloseTo(1, 5);
    expect(result.lossCurve[0]).toBeCloseTo(1 + centre.reduce((sum, c, i) => sum + curvature[i]! * c * c, 0), 3);
    expect(result.lossCurve).toHaveLength(result.iterations + 1);
    expect(iterations).toEqual(Array.from({ length: result.iterations }, (_, i) => i + 1));
    expectNeverIncreases(result.lossCurve);
  });

  it('stops at maxIterations without claiming convergence', () => {
    // Rosenbrock's valley takes dozens of iterations; three are not enough.
    const objective = (x: Float32Array, gradient: Float32Array) => {
      const [a, b] = [x[0]!, x[1]!];
      gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      gradient[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeLbfgs(objective, Float32Array.of(-1.2, 1), { maxIterations: 3, relativeTolerance: 1e-12 });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
    expectNeverIncreases(result.lossCurve);
  });
});

describe('fitSoftmaxRegression', () => {
  it('fits a separable problem: training accuracy 1, a loss curve that never increases, converged', () => {
    const data = separableData(20, 1);
    const iterationLosses: number[] = [];
    const fit = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, { ...OPTIONS, onIteration: (_, loss) => iterationLosses.push(loss) });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(OPTIONS.maxIterations);
    expectNeverIncreases(fit.lossCurve);
    // From all-zero weights every class is equally likely: the first loss is ln 3.
    expect(fit.lossCurve[0]).toBeCloseTo(Math.log(CLASSES), 6);
    expect(fit.lossCurve.at(-1)!).toBeLessThan(0.3);
    expect(iterationLosses).toEqual(fit.lossCurve.slice(1));
    const predictions = data.rows.map((row) => argmax(softmaxLogits(fit.model, row)));
    expect(predictions).toEqual(data.targets);
  });

  it('lays the model out as documented: its loss and logits match a computation by hand', () => {
    const data = noisyData(60, 2);
    const fit = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, OPTIONS);
    const { model } = fit;
    expect(model.weights).toBeInstanceOf(Float32Array);
    expect(model.weights).toHaveLength((DENSE_WIDTH + NGRAM_DIMENSION + 1) * CLASSES);
    expect(model).toMatchObject({ classes: CLASSES, denseWidth: DENSE_WIDTH, ngramDimension: NGRAM_DIMENSION, ngramScale: OPTIONS.ngramScale });
    for (let j = 0; j < DENSE_WIDTH; j++) {
      const values = data.rows.map((row) => row.dense[j]!);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const deviation = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
      expect(model.denseMean[j]).toBeCloseTo(mean, 6);
      expect(model.denseScale[j]).toBeCloseTo(deviation, 6);
    }
    expect(objectiveByHand(model, data, OPTIONS.l2)).toBeCloseTo(fit.lossCurve.at(-1)!, 6);
    const unseen: FeatureRow = { dense: Float32Array.of(0.3, -0.2, 1.1, 0.05), ngrams: countNgrams('sonnet harvest 3', NGRAM_DIMENSION) };
    const logits = softmaxLogits(model, unseen);
    logitsByHand(model, unseen).forEach((logit, k) => expect(logits[k]).toBeCloseTo(logit, 6));
  });

  it('fits a row of weight 2 exactly like the row given twice', () => {
    const data = noisyData(45, 3);
    const tight = { ...OPTIONS, relativeTolerance: 1e-9, maxIterations: 2000 };
    const weighted = fitSoftmaxRegression({ ...data, weights: data.weights.map((weight, i) => (i === 7 || i === 20 ? 2 : weight)) }, CLASSES, NGRAM_DIMENSION, tight);
    const duplicated = fitSoftmaxRegression(
      { rows: [...data.rows, data.rows[7]!, data.rows[20]!], targets: [...data.targets, data.targets[7]!, data.targets[20]!], weights: [...data.weights, 1, 1] },
      CLASSES,
      NGRAM_DIMENSION,
      tight,
    );
    Array.from(weighted.model.denseMean).forEach((value, j) => expect(value).toBeCloseTo(duplicated.model.denseMean[j]!, 9));
    Array.from(weighted.model.denseScale).forEach((value, j) => expect(value).toBeCloseTo(duplicated.model.denseScale[j]!, 9));
    expect(weighted.lossCurve.at(-1)!).toBeCloseTo(duplicated.lossCurve.at(-1)!, 6);
    const largest = Math.max(...Array.from(weighted.model.weights, Math.abs));
    let difference = 0;
    weighted.model.weights.forEach((value, index) => (difference = Math.max(difference, Math.abs(value - duplicated.model.weights[index]!))));
    expect(difference).toBeLessThan(2e-3 * largest);

    // And differently from the same rows at weight 1: the weight matters.
    const unweighted = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, tight);
    let change = 0;
    unweighted.model.weights.forEach((value, index) => (change = Math.max(change, Math.abs(value - weighted.model.weights[index]!))));
    expect(change).toBeGreaterThan(10 * difference);
  });

  it('weighs conflicting labels on the same features by their example weights (a correction 1 against a thumbs-up 0.5)', () => {
    // Same features, labels 0 (weight 1) and 1 (weight 0.5): the unpenalized bias fits p0 : p1 = 1 : 0.5 exactly.
    const features: FeatureRow = { dense: Float32Array.of(0.2, 0.4, 0.6, 0.8), ngrams: countNgrams('same words either way', NGRAM_DIMENSION) };
    const fit = fitSoftmaxRegression({ rows: [features, features], targets: [0, 1], weights: [1, 0.5] }, CLASSES, NGRAM_DIMENSION, { ...OPTIONS, relativeTolerance: 1e-9 });
    const logits = Array.from(softmaxLogits(fit.model, features));
    const max = Math.max(...logits);
    const exponentials = logits.map((logit) => Math.exp(logit - max));
    const probabilities = exponentials.map((value) => value / exponentials.reduce((sum, other) => sum + other, 0));
    expect(probabilities[0]! / probabilities[1]!).toBeCloseTo(2, 1);
    expect(probabilities[0]).toBeGreaterThan(0.6);
    expect(probabilities[2]).toBeLessThan(0.05);
  });

  it('only the ratios of example weights matter', () => {
    const data = noisyData(30, 4);
    const once = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, OPTIONS);
    const scaled = fitSoftmaxRegression({ ...data, weights: data.weights.map((weight) => weight * 7.5) }, CLASSES, NGRAM_DIMENSION, OPTIONS);
    expect(scaled.lossCurve.at(-1)!).toBeCloseTo(once.lossCurve.at(-1)!, 6);
    once.model.weights.forEach((value, index) => expect(scaled.model.weights[index]).toBeCloseTo(value, 4));
  });

  it('gives smaller weights with more L2', () => {
    const data = noisyData(60, 5);
    const norms = [1e-3, 1e-2, 1e-1, 1].map((l2) => nonBiasNorm(fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, { ...OPTIONS, l2, relativeTolerance: 1e-8 }).model));
    for (let index = 1; index < norms.length; index++) expect(norms[index]!).toBeLessThan(norms[index - 1]!);
    expect(norms.at(-1)!).toBeLessThan(norms[0]! / 5);
  });

  it('finishes in a few iterations with the same loss when warm-started from its optimum', () => {
    const data = noisyData(60, 6);
    const cold = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, OPTIONS);
    const warm = fitSoftmaxRegression(data, CLASSES, NGRAM_DIMENSION, { ...OPTIONS, start: cold.model.weights });
    expect(cold.iterations).toBeGreaterThan(15);
    expect(warm.iterations).toBeLessThanOrEqual(6);
    expect(warm.converged).toBe(true);
    expect(warm.lossCurve[0]).toBeCloseTo(cold.lossCurve.at(-1)!, 6);
    expect(warm.lossCurve.at(-1)!).toBeLessThanOrEqual(cold.lossCurve.at(-1)! + 1e-9);
    expect(warm.lossCurve.at(-1)!).toBeCloseTo(cold.lossCurve.at(-1)!, 4);
    // The start is copied, not written into.
    expect(cold.model.weights).not.toBe(warm.model.weights);
  });

  it('rejects no rows, rows without weight, mixed dense widths and n-gram buckets beyond its dimension', () => {
    const data = separableData(3, 7);
    expect(() => fitSoftmaxRegression({ rows: [], targets: [], weights: [] }, CLASSES, NGRAM_DIMENSION, OPTIONS)).toThrow(RangeError);
    expect(() => fitSoftmaxRegression({ ...data, weights: data.weights.map(() => 0) }, CLASSES, NGRAM_DIMENSION, OPTIONS)).toThrow(RangeError);
    const mixed = [...data.rows.slice(0, -1), { dense: Float32Array.of(1, 2), ngrams: new Uint32Array(0) }];
    expect(() => fitSoftmaxRegression({ ...data, rows: mixed }, CLASSES, NGRAM_DIMENSION, OPTIONS)).toThrow(RangeError);
    const wide = data.rows.map((row, i) => ({ ...row, ngrams: countNgrams(`${WORDS[data.targets[i]!]} wide bucket text ${i}`, NGRAM_DIMENSION * 4) }));
    expect(() => fitSoftmaxRegression({ ...data, rows: wide }, CLASSES, NGRAM_DIMENSION, OPTIONS)).toThrow(RangeError);
  });
});
