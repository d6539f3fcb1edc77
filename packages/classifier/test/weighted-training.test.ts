import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import {
  fitLogisticRegression,
  fitStandardization,
  LogisticRegressionTaskClassifier,
  modelRow,
  replicationCounts,
  sparseModelMatrix,
  trainOnFeatureRows,
  type FeatureLayout,
  type FeatureRowExample,
} from '@routewise/classifier';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

/** Small synthetic rows: a dense "embedding" block, a sparse "word" block and shape features, like the real layout. */
const layout: FeatureLayout = { embeddingDimension: 6, wordDimension: 20, shapeFeatureCount: 7 };
const width = layout.embeddingDimension + layout.wordDimension + layout.shapeFeatureCount;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 0x1_0000_0000;
    return state / 0x1_0000_0000;
  };
}

function syntheticRows(count: number, seed: number): { features: Float64Array; label: TaskLabel }[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const labelIndex = index % TASK_LABELS.length;
    const features = new Float64Array(width);
    for (let column = 0; column < layout.embeddingDimension; column++) features[column] = (column === labelIndex % layout.embeddingDimension ? 0.6 : 0) + (next() - 0.5) * 0.4;
    features[layout.embeddingDimension + labelIndex * 2] = 0.7;
    features[layout.embeddingDimension + Math.floor(next() * layout.wordDimension)] = 0.3;
    for (let column = layout.embeddingDimension + layout.wordDimension; column < width; column++) features[column] = next() * 3 + labelIndex;
    return { features, label: TASK_LABELS[labelIndex]! };
  });
}

const targetsOf = (rows: readonly { label: TaskLabel }[]) => rows.map((row) => TASK_LABELS.indexOf(row.label));

describe('sparse feature matrix', () => {
  const rows = syntheticRows(70, 1);
  const standardization = fitStandardization(rows.map((row) => row.features), layout);
  const dense = new Matrix(rows.map((row) => modelRow(row.features, standardization)));
  const sparse = sparseModelMatrix(rows.map((row) => row.features), standardization);

  it('holds the same entries as the dense rows modelRow builds', () => {
    expect(sparse.rows).toBe(dense.rows);
    expect(sparse.columns).toBe(dense.columns);
    for (const [row, column] of [[0, 0], [5, 10], [69, width], [33, width - 1]] as const) expect(sparse.get(row, column)).toBe(dense.get(row, column));
  });

  it('multiplies exactly like ml-matrix, both ways', () => {
    const weights = Matrix.columnVector(Array.from({ length: dense.columns }, (_, index) => Math.sin(index)));
    expect(sparse.mmul(weights).to1DArray()).toEqual(dense.mmul(weights).to1DArray());
    const errors = Matrix.columnVector(Array.from({ length: dense.rows }, (_, index) => Math.cos(index)));
    expect(sparse.transpose().mmul(errors).to1DArray()).toEqual(dense.transpose().mmul(errors).to1DArray());
    expect(sparse.transpose().transpose()).toBe(sparse);
  });

  it('gives ml-logistic-regression the same fitted weights as a dense matrix', () => {
    const settings = { numSteps: 40, learningRate: 1 / rows.length };
    const viaDense = new LogisticRegression(settings);
    viaDense.train(dense, Matrix.columnVector(targetsOf(rows)));
    const viaSparse = new LogisticRegression(settings);
    viaSparse.train(sparse, Matrix.columnVector(targetsOf(rows)));
    expect(viaSparse.classifiers.map((binary) => binary.weights.to1DArray())).toEqual(viaDense.classifiers.map((binary) => binary.weights.to1DArray()));
  });
});

describe('sample weights by row replication', () => {
  it('counts rows in units of the smallest weight, rounded, capped, and leaves out zero weights', () => {
    expect(replicationCounts([1, 0.5, 1])).toEqual([2, 1, 2]);
    expect(replicationCounts([1, 1, 1])).toEqual([1, 1, 1]);
    expect(replicationCounts([0.5, 0.75, 0])).toEqual([1, 2, 0]);
    expect(replicationCounts([0.1, 5])).toEqual([1, 8]);
    expect(() => replicationCounts([Number.NaN])).toThrow(/finite/);
  });

  it('fits a weight-1 row exactly as two copies beside a weight-0.5 row', () => {
    const rows = syntheticRows(28, 2);
    const weights = rows.map((_, index) => (index % 2 === 0 ? 1 : 0.5));
    const settings = { numSteps: 30, learningRate: 1 };
    const weighted = fitLogisticRegression(rows.map((row) => row.features), targetsOf(rows), weights, layout, settings);
    const duplicated = rows.flatMap((row, index) => (index % 2 === 0 ? [row, row] : [row]));
    const unweighted = fitLogisticRegression(duplicated.map((row) => row.features), targetsOf(duplicated), duplicated.map(() => 1), layout, settings);
    expect(weighted.replicatedRows).toBe(42);
    expect(weighted.model.classifiers.map((binary) => binary.weights.to1DArray())).toEqual(unweighted.model.classifiers.map((binary) => binary.weights.to1DArray()));
  });

  it('lets a correction (1) outweigh a contradicting thumbs-up (0.5) on the same features', () => {
    const base = syntheticRows(70, 3);
    const disputed = base.find((row) => row.label === 'code')!;
    const train = (correctionLabel: TaskLabel, thumbsUpLabel: TaskLabel) => {
      const rows: FeatureRowExample[] = [
        ...base.map((row, index) => ({ ...row, id: `base-${index}`, weight: 1, split: 'train' as const })),
        ...Array.from({ length: 12 }, (_, index) => ({ id: `c-${index}`, features: disputed.features, label: correctionLabel, weight: 1, split: 'train' as const })),
        ...Array.from({ length: 12 }, (_, index) => ({ id: `u-${index}`, features: disputed.features, label: thumbsUpLabel, weight: 0.5, split: 'train' as const })),
      ];
      const { artifact } = trainOnFeatureRows(rows, { id: 'test-embedder', kind: 'hashed-ngram', dimension: 6 }, layout, { numSteps: 200, learningRate: 1, calibrationFraction: 0.15 });
      return new LogisticRegressionTaskClassifier(artifact).classifyRows([disputed.features])[0]!.task;
    };
    expect(train('summarize', 'creative')).toBe('summarize');
    expect(train('creative', 'summarize')).toBe('creative');
  });
});

describe('trainOnFeatureRows holdout rule', () => {
  const embedder = { id: 'test-embedder', kind: 'hashed-ngram' as const, dimension: 6 };
  const options = { numSteps: 60, learningRate: 1, calibrationFraction: 0.15 };
  const train: FeatureRowExample[] = syntheticRows(140, 4).map((row, index) => ({ ...row, id: `train-${index}`, weight: 1, split: 'train' }));

  it('never fits the holdout: changing holdout rows changes the metrics, not the model', () => {
    const holdoutA: FeatureRowExample[] = syntheticRows(35, 5).map((row, index) => ({ ...row, id: `holdout-${index}`, weight: 1, split: 'holdout' }));
    const holdoutB: FeatureRowExample[] = holdoutA.map((row, index) => ({ ...row, label: TASK_LABELS[(index + 3) % TASK_LABELS.length]!, features: row.features.map((value) => -value) }));
    const a = trainOnFeatureRows([...train, ...holdoutA], embedder, layout, options);
    const b = trainOnFeatureRows([...train, ...holdoutB], embedder, layout, options);
    expect(a.artifact.model).toEqual(b.artifact.model);
    expect(a.artifact.calibration).toEqual(b.artifact.calibration);
    expect(a.artifact.features.standardization).toEqual(b.artifact.features.standardization);
    expect(a.artifact.trainingData.examples).toBe(140);
    expect(a.artifact.metrics.holdout.examples).toBe(35);
    expect(a.holdout.macroF1).toBeGreaterThan(0.8);
    expect(b.holdout.macroF1).toBeLessThan(0.3);
  });

  it('refuses training rows that miss a label, and rows of the wrong width', () => {
    expect(() => trainOnFeatureRows(train.filter((row) => row.label !== 'chat'), embedder, layout, options)).toThrow(/no examples of: chat/);
    expect(() => trainOnFeatureRows([...train, { features: [1, 2, 3], label: 'chat', weight: 1, split: 'train' }], embedder, layout, options)).toThrow(/has 3 values/);
  });
});
