import type { Embedder } from '@routewise/embedder';
import type { FeatureLayout } from './feature-vector';
import { featurizeSeedExamples } from './featurize-seed-examples';
import type { LabeledExample } from './labeled-example';
import { SHAPE_FEATURE_NAMES } from './shape-features';
import { DEFAULT_TRAINING_OPTIONS } from './train-task-classifier';
import { DEFAULT_ROW_TRAINING_OPTIONS, trainOnFeatureRows, type FeatureRowExample, type RowTrainingOptions, type RowTrainingResult } from './train-on-feature-rows';

export interface TrainFromRowsInput {
  /** The project's labeled prompts, embedded now with `embedder`. */
  seedExamples: readonly LabeledExample[];
  /** Precomputed raw feature rows (from decisions), laid out for `embedder` and `wordDimension`. */
  rows: readonly FeatureRowExample[];
  embedder: Embedder;
  /** Default: the seed classifier's. */
  wordDimension?: number;
  options?: RowTrainingOptions;
  onEmbedProgress?: (done: number, total: number) => void;
}

/** Seed prompts plus feedback rows, fitted on their training split and measured on the fixed holdout. */
export async function trainTaskClassifierFromRows(input: TrainFromRowsInput): Promise<RowTrainingResult> {
  const layout: FeatureLayout = {
    embeddingDimension: input.embedder.dimension,
    wordDimension: input.wordDimension ?? DEFAULT_TRAINING_OPTIONS.wordDimension,
    shapeFeatureCount: SHAPE_FEATURE_NAMES.length,
  };
  const seedRows = await featurizeSeedExamples(input.seedExamples, input.embedder, layout, input.onEmbedProgress);
  return trainOnFeatureRows([...seedRows, ...input.rows], input.embedder, layout, input.options ?? DEFAULT_ROW_TRAINING_OPTIONS);
}
