export interface ScoredPrediction {
  confidence: number;
  correct: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  /** The target: the share of confident predictions (at or above the threshold) that must be right. */
  targetPrecision: number;
  /** Measured on the predictions given: accuracy of the confident ones, and the share sent to the fallback. */
  confidentAccuracy: number;
  fallbackShare: number;
}

/**
 * The lowest confidence threshold at which the predictions kept (confidence ≥ threshold) are at least
 * `targetPrecision` right: the fewest fallback calls that meet the target. Predictions should be out-of-source
 * (made by models that never saw the prompt's source), or the threshold is too low for real traffic.
 */
export function chooseFallbackThreshold(predictions: readonly ScoredPrediction[], targetPrecision: number): ThresholdChoice {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  let correct = 0;
  let best = { threshold: 1, kept: 0, correct: 0 };
  sorted.forEach((prediction, index) => {
    if (prediction.correct) correct++;
    const next = sorted[index + 1];
    // A threshold can only sit between distinct confidences.
    if (next && next.confidence === prediction.confidence) return;
    if (correct / (index + 1) >= targetPrecision) best = { threshold: prediction.confidence, kept: index + 1, correct };
  });
  const total = Math.max(predictions.length, 1);
  return {
    threshold: best.threshold,
    targetPrecision,
    confidentAccuracy: best.kept === 0 ? 1 : best.correct / best.kept,
    fallbackShare: (predictions.length - best.kept) / total,
  };
}
