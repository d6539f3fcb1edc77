import LogisticRegression from 'ml-logistic-regression';
import type { Matrix } from 'ml-matrix';
import type { TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import { modelRow, rawFeatures, type FeatureLayout } from './feature-vector';
import { SHAPE_FEATURE_NAMES } from './shape-features';
import { sparseModelMatrix, type RawFeatureRow } from './sparse-model-rows';
import type { ClassifierInput, TaskClassifier, TaskPrediction } from './task-classifier';
import { softmax } from './temperature-calibration';

/** ml-logistic-regression's one-vs-rest model over [embedding, lexical, shape, bias], with temperature calibration. */
export class LogisticRegressionTaskClassifier implements TaskClassifier {
  readonly version: string;
  readonly embedderId: string;
  private readonly model: LogisticRegression;
  /** Each one-vs-rest weight row, copied once from the loaded model for the per-request dot products. */
  private readonly weightRows: Float64Array[];
  readonly featureLayout: FeatureLayout;

  constructor(readonly artifact: ClassifierArtifact) {
    if (artifact.features.shapeFeatures.join() !== SHAPE_FEATURE_NAMES.join()) {
      throw new Error(`classifier ${artifact.version} was built with other shape features than this code computes`);
    }
    this.version = artifact.version;
    this.embedderId = artifact.embedder.id;
    // `load` reuses the array it is given and fills it with its own objects: give it a copy, keep the artifact as JSON.
    this.model = LogisticRegression.load(structuredClone(artifact.model) as never);
    this.weightRows = this.model.classifiers.map((binary) => Float64Array.from(binary.weights.to1DArray()));
    this.featureLayout = {
      embeddingDimension: artifact.embedder.dimension,
      wordDimension: artifact.features.wordDimension,
      shapeFeatureCount: SHAPE_FEATURE_NAMES.length,
    };
  }

  classify(input: ClassifierInput): TaskPrediction {
    if (input.embedding.length !== this.featureLayout.embeddingDimension) {
      throw new Error(`embedding has ${input.embedding.length} dimensions; classifier ${this.version} expects ${this.featureLayout.embeddingDimension}`);
    }
    const features = rawFeatures(input, this.featureLayout);
    const row = modelRow(features, this.artifact.features.standardization);
    // The same computation as the package's testScores (sigmoid of row · weights), without building matrices:
    // per request that allocation was a tenth of the router's CPU time.
    return this.predictionFromLogits(this.weightRows.map((weights) => -dot(row, weights)), features);
  }

  /** Predictions for many raw feature rows at once, through the package's own `testScores` (on a sparse matrix). */
  classifyRows(rawRows: readonly RawFeatureRow[]): TaskPrediction[] {
    const rows = sparseModelMatrix(rawRows, this.artifact.features.standardization);
    return oneVersusRestLogits(this.model, rows).map((logits, index) => this.predictionFromLogits(logits, Float64Array.from(rawRows[index]!)));
  }

  private predictionFromLogits(logits: number[], features: Float64Array): TaskPrediction {
    const labels = this.artifact.labels;
    const probabilities = softmax(logits, this.artifact.calibration.temperature);
    let best = 0;
    probabilities.forEach((probability, index) => {
      if (probability > probabilities[best]!) best = index;
    });
    return {
      task: labels[best]!,
      confidence: probabilities[best]!,
      probabilities: Object.fromEntries(labels.map((label, index) => [label, probabilities[index]!])) as Record<TaskLabel, number>,
      features,
    };
  }
}

function dot(row: readonly number[], weights: Float64Array): number {
  let total = 0;
  for (let index = 0; index < weights.length; index++) total += row[index]! * weights[index]!;
  return total;
}

/**
 * Per row, the log-odds that each class is the right one. ml-logistic-regression trains class i against the rest
 * with class i as target 0, so `testScores` is P(not class i); its log-odds, negated, is the class's logit.
 */
export function oneVersusRestLogits(model: LogisticRegression, rows: Matrix): number[][] {
  const perClass = model.classifiers.map((binary) => binary.testScores(rows));
  return Array.from({ length: rows.rows }, (_, row) =>
    perClass.map((scores) => {
      const notClass = Math.min(Math.max(scores[row]!, 1e-12), 1 - 1e-12);
      return Math.log((1 - notClass) / notClass);
    }),
  );
}
