import { hashedWordFeatures } from '@routewise/embedder';
import type { ClassifierInput } from './task-classifier';
import { shapeFeatures } from './shape-features';

export interface FeatureLayout {
  embeddingDimension: number;
  /** Buckets of the hashed bag of words beside the embedding; 0 turns these lexical features off. */
  wordDimension: number;
  shapeFeatureCount: number;
}

export function featureCount(layout: FeatureLayout): number {
  return layout.embeddingDimension + layout.wordDimension + layout.shapeFeatureCount;
}

/** Embedding, then the hashed bag of words of the same text, then shape features. Not yet standardized. */
export function rawFeatures(input: ClassifierInput, layout: FeatureLayout): Float64Array {
  const vector = new Float64Array(featureCount(layout));
  vector.set(input.embedding, 0);
  if (layout.wordDimension > 0) vector.set(hashedWordFeatures(input.description.text, layout.wordDimension), layout.embeddingDimension);
  vector.set(shapeFeatures(input.description), layout.embeddingDimension + layout.wordDimension);
  return vector;
}

export interface Standardization {
  mean: number[];
  scale: number[];
}

/**
 * How each column is scaled before training. The embedding and the hashed bag of words are unit vectors whose entries
 * are small; each block is multiplied by the square root of the embedding's dimension so entries are of order one.
 * They are deliberately not z-scored per column: a rare n-gram bucket has a tiny deviation, and dividing by it
 * would turn one occurrence into a huge value the model then memorizes. Shape features are dense numbers on
 * different scales, so they are z-scored with the training rows' mean and deviation.
 */
export function fitStandardization(rows: readonly ArrayLike<number>[], layout: FeatureLayout): Standardization {
  const width = featureCount(layout);
  const vectorColumns = layout.embeddingDimension + layout.wordDimension;
  const blockScale = 1 / Math.sqrt(layout.embeddingDimension);
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(blockScale);
  for (let column = vectorColumns; column < width; column++) {
    let total = 0;
    for (const row of rows) total += row[column]!;
    mean[column] = total / Math.max(rows.length, 1);
    let squares = 0;
    for (const row of rows) squares += (row[column]! - mean[column]!) ** 2;
    const deviation = Math.sqrt(squares / Math.max(rows.length, 1));
    scale[column] = deviation > 1e-9 ? deviation : 1;
  }
  return { mean, scale };
}

/**
 * Standardized features with a constant 1 appended: ml-logistic-regression fits no intercept, so the bias is
 * learned as the weight of that last column.
 */
export function modelRow(raw: Float64Array, standardization: Standardization): number[] {
  const row = new Array<number>(raw.length + 1);
  for (let column = 0; column < raw.length; column++) {
    row[column] = (raw[column]! - standardization.mean[column]!) / standardization.scale[column]!;
  }
  row[raw.length] = 1;
  return row;
}
