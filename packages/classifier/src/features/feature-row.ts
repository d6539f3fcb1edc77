import { countNgrams, decodeNgramCounts, encodeNgramCounts, NGRAM_SCHEME } from '@routewise/embedder';
import type { TaskDescription } from '../task-description';
import { SHAPE_FEATURE_NAMES, shapeFeatures } from '../shape-features';

/** How a feature row is laid out. Rows are only comparable with a model whose layout is equal. */
export interface FeatureLayout {
  embeddingDimension: number;
  /** Buckets the hashed n-gram counts fall into (a power of two). */
  ngramDimension: number;
  /** How the n-grams were hashed and packed (`NGRAM_SCHEME`). */
  ngramScheme: string;
  shapeFeatureCount: number;
}

/**
 * What the classifier reads from one request: the dense part (the embedding, then the shape features) and the
 * packed hashed n-gram counts of the task text. This is also what a decision record keeps for retraining.
 */
export interface FeatureRow {
  dense: ArrayLike<number>;
  ngrams: Uint32Array;
}

/** The form a feature row travels and is stored in: a few dozen numbers and a base64 string. */
export interface WireFeatureRow {
  dense: number[];
  ngrams: string;
}

export function featureLayoutFor(embeddingDimension: number, ngramDimension: number): FeatureLayout {
  return { embeddingDimension, ngramDimension, ngramScheme: NGRAM_SCHEME, shapeFeatureCount: SHAPE_FEATURE_NAMES.length };
}

export function denseWidth(layout: FeatureLayout): number {
  return layout.embeddingDimension + layout.shapeFeatureCount;
}

export function sameLayout(a: FeatureLayout, b: FeatureLayout): boolean {
  return a.embeddingDimension === b.embeddingDimension && a.ngramDimension === b.ngramDimension && a.ngramScheme === b.ngramScheme && a.shapeFeatureCount === b.shapeFeatureCount;
}

export function featureRowOf(embedding: ArrayLike<number>, description: TaskDescription, layout: FeatureLayout): FeatureRow {
  if (embedding.length !== layout.embeddingDimension) throw new RangeError(`embedding has ${embedding.length} dimensions; the layout has ${layout.embeddingDimension}`);
  const dense = new Float32Array(denseWidth(layout));
  dense.set(embedding as ArrayLike<number>, 0);
  dense.set(shapeFeatures(description), layout.embeddingDimension);
  return { dense, ngrams: countNgrams(description.text, layout.ngramDimension) };
}

export function toWireFeatureRow(row: FeatureRow): WireFeatureRow {
  return { dense: Array.from(row.dense, (value) => (value === 0 ? 0 : Number(value.toPrecision(6)))), ngrams: encodeNgramCounts(row.ngrams) };
}

/** A stored or received row, checked against the layout it claims; throws a RangeError naming what is wrong. */
export function fromWireFeatureRow(wire: WireFeatureRow, layout: FeatureLayout): FeatureRow {
  if (wire.dense.length !== denseWidth(layout)) throw new RangeError(`feature row has ${wire.dense.length} dense values; the layout has ${denseWidth(layout)}`);
  const ngrams = decodeNgramCounts(wire.ngrams);
  for (const entry of ngrams) if (entry >>> 14 >= layout.ngramDimension) throw new RangeError(`n-gram bucket ${entry >>> 14} is outside the layout's ${layout.ngramDimension}`);
  return { dense: Float32Array.from(wire.dense), ngrams };
}
