/**
 * Settings of the fit. `l2` and `ngramScale` were chosen by the leave-one-source-out score (`pnpm eval:classifier
 * --sweep`, results in docs/decisions/0013-classifier-training.md); the iteration cap is far above what the fit needs
 * to converge on ten thousand examples, the tolerance is what stops it.
 */
export interface Hyperparameters {
  /** Buckets of the hashed n-grams (a power of two). */
  ngramDimension: number;
  l2: number;
  /** How much the n-gram block weighs against the z-scored dense features. */
  ngramScale: number;
  maxIterations: number;
  relativeTolerance: number;
}

export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.freeze({
  ngramDimension: 1 << 16,
  l2: 1e-3,
  ngramScale: 4,
  maxIterations: 400,
  relativeTolerance: 1e-3,
});
