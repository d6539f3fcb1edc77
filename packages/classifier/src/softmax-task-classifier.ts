import { ngramVector } from '@routewise/embedder';
import type { TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import { denseWidth, featureRowOf, type FeatureLayout, type FeatureRow } from './features/feature-row';
import { decodeWeights } from './model/weight-encoding';
import { softmaxLogits, type SoftmaxModel } from './model/softmax-regression';
import { SHAPE_FEATURE_NAMES } from './shape-features';
import type { ClassifierInput, TaskClassifier, TaskPrediction } from './task-classifier';
import { softmax } from './temperature-calibration';

/** The trained multinomial logistic regression over [embedding, shape features, hashed n-grams], temperature-calibrated. */
export class SoftmaxTaskClassifier implements TaskClassifier {
  readonly version: string;
  readonly embedderId: string;
  readonly featureLayout: FeatureLayout;
  readonly fallbackThreshold: number;
  private readonly model: SoftmaxModel;

  constructor(readonly artifact: ClassifierArtifact) {
    if (artifact.features.shapeFeatures.join() !== SHAPE_FEATURE_NAMES.join()) {
      throw new Error(`classifier ${artifact.version} was built with other shape features than this code computes`);
    }
    this.version = artifact.version;
    this.embedderId = artifact.embedder.id;
    this.featureLayout = artifact.features.layout;
    this.fallbackThreshold = artifact.calibration.fallbackThreshold;
    const width = denseWidth(this.featureLayout);
    const classes = artifact.labels.length;
    this.model = {
      classes,
      denseWidth: width,
      ngramDimension: this.featureLayout.ngramDimension,
      ngramScale: artifact.model.ngramScale,
      denseMean: Float64Array.from(artifact.model.denseMean),
      denseScale: Float64Array.from(artifact.model.denseScale),
      weights: decodeWeights(artifact.model.weights, (width + this.featureLayout.ngramDimension + 1) * classes),
    };
  }

  classify(input: ClassifierInput): TaskPrediction {
    if (input.embedding.length !== this.featureLayout.embeddingDimension) {
      throw new Error(`embedding has ${input.embedding.length} dimensions; classifier ${this.version} expects ${this.featureLayout.embeddingDimension}`);
    }
    return this.classifyRow(featureRowOf(input.embedding, input.description, this.featureLayout));
  }

  /** A prediction for a feature row computed earlier (evaluation, retraining baselines). */
  classifyRow(features: FeatureRow): TaskPrediction {
    const probabilities = softmax(Array.from(softmaxLogits(this.model, features, ngramVector(features.ngrams))), this.artifact.calibration.temperature);
    const labels = this.artifact.labels;
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
