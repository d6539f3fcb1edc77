import { hashedNgramFeatures } from '@routewise/embedder';
import type { ClassifierInput } from './task-classifier';
import { shapeFeatures } from './shape-features';

export interface FeatureLayout {
  embeddingDimension: number;
  /** 0 turns the lexical features off. */
  hashedDimension: number;
  shapeFeatureCount: number;
}

export function featureCount(layout: FeatureLayout): number {
  return layout.embeddingDimension + layout.hashedDimension + layout.shapeFeatureCount;
}

/** Embedding, then hashed word/character n-grams of the same text, then shape features. Not yet standardized. */
export function rawFeatures(input: ClassifierInput, layout: FeatureLayout): Float64Array {
  const vector = new Float64Array(featureCount(layout));
  vector.set(input.embedding, 0);
  if (layout.hashedDimension > 0) vector.set(hashedNgramFeatures(input.description.text, layout.hashedDimension), layout.embeddingDimension);
  vector.set(shapeFeatures(input.description), layout.embeddingDimension + layout.hashedDimension);
  return vector;
}

export interface Standardization {
  mean: number[];
  scale: number[];
}

/** Column means and standard deviations (1 where a column is constant), from training rows only. */
export function fitStandardization(rows: readonly Float64Array[]): Standardization {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) for (let column = 0; column < width; column++) mean[column]! += row[column]! / rows.length;
  for (const row of rows) for (let column = 0; column < width; column++) scale[column]! += (row[column]! - mean[column]!) ** 2 / rows.length;
  for (let column = 0; column < width; column++) {
    const deviation = Math.sqrt(scale[column]!);
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
