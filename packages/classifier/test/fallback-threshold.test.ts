import { chooseFallbackThreshold, type ScoredPrediction } from '@routewise/classifier';
import { seededRandom as mulberry32 } from '../../tokens/test/seeded-random';

const p = (confidence: number, correct: boolean): ScoredPrediction => ({ confidence, correct });

describe('chooseFallbackThreshold', () => {
  it('picks the lowest threshold whose kept predictions meet the target (hand-computed)', () => {
    // Sorted: .9 ✓, .8 ✓, .7 ✗, .6 ✓, .5 ✗. Kept accuracy at each threshold: .9 → 1/1, .8 → 2/2, .7 → 2/3,
    // .6 → 3/4 = .75, .5 → 3/5. Lowest meeting .75: .6, keeping 4 of 5.
    const predictions = [p(0.7, false), p(0.5, false), p(0.9, true), p(0.6, true), p(0.8, true)];
    expect(chooseFallbackThreshold(predictions, 0.75)).toEqual({ threshold: 0.6, targetPrecision: 0.75, confidentAccuracy: 0.75, fallbackShare: 0.2 });
    // Just above .75, only the two most confident pass: threshold .8, 3 of 5 to the fallback.
    expect(chooseFallbackThreshold(predictions, 0.76)).toEqual({ threshold: 0.8, targetPrecision: 0.76, confidentAccuracy: 1, fallbackShare: 0.6 });
  });

  it('takes the lowest qualifying threshold even when a higher one does not qualify', () => {
    // .9 → 0/1, .8 → 1/2, .7 → 2/3, .6 → 3/4: only the lowest meets .7, and it keeps everything.
    const predictions = [p(0.9, false), p(0.8, true), p(0.7, true), p(0.6, true)];
    expect(chooseFallbackThreshold(predictions, 0.7)).toEqual({ threshold: 0.6, targetPrecision: 0.7, confidentAccuracy: 0.75, fallbackShare: 0 });
  });

  it('never places a threshold between equal confidences: all tied predictions are kept or none', () => {
    // A threshold of .8 keeps all three .8s: .9 ✓ + .8 ✓✓✗ = 3/4 < .8. Counting the right .8s before the wrong
    // one (as a prefix of a sorted list would) would wrongly give 3/3 at .8. Only .9 (1/1) meets .8.
    const predictions = [p(0.8, true), p(0.8, true), p(0.9, true), p(0.8, false), p(0.5, false)];
    expect(chooseFallbackThreshold(predictions, 0.8)).toEqual({ threshold: 0.9, targetPrecision: 0.8, confidentAccuracy: 1, fallbackShare: 0.8 });
    // With target .75 the whole tie qualifies: threshold .8, 4 kept, 3 right.
    expect(chooseFallbackThreshold(predictions, 0.75)).toEqual({ threshold: 0.8, targetPrecision: 0.75, confidentAccuracy: 0.75, fallbackShare: 0.2 });
  });

  it('keeps everything with a target of 0, and only the all-right top with a target of 1', () => {
    const predictions = [p(0.95, true), p(0.9, true), p(0.85, false), p(0.2, true)];
    expect(chooseFallbackThreshold(predictions, 0)).toEqual({ threshold: 0.2, targetPrecision: 0, confidentAccuracy: 0.75, fallbackShare: 0 });
    expect(chooseFallbackThreshold(predictions, 1)).toEqual({ threshold: 0.9, targetPrecision: 1, confidentAccuracy: 1, fallbackShare: 0.5 });
  });

  it('sends everything to the fallback (threshold 1) when no threshold meets the target', () => {
    const predictions = [p(0.9, false), p(0.7, true), p(0.4, false)];
    // .9 → 0/1, .7 → 1/2, .4 → 1/3: none reaches .6.
    expect(chooseFallbackThreshold(predictions, 0.6)).toEqual({ threshold: 1, targetPrecision: 0.6, confidentAccuracy: 1, fallbackShare: 1 });
  });

  it('gives threshold 1 and no NaN for no predictions', () => {
    expect(chooseFallbackThreshold([], 0.9)).toEqual({ threshold: 1, targetPrecision: 0.9, confidentAccuracy: 1, fallbackShare: 0 });
  });

  it('does not reorder the caller’s array', () => {
    const predictions = [p(0.1, true), p(0.9, false), p(0.5, true)];
    const copy = predictions.map((prediction) => ({ ...prediction }));
    chooseFallbackThreshold(predictions, 0.5);
    expect(predictions).toEqual(copy);
  });

  it('agrees with a brute-force search over every candidate threshold (seeded random cases with ties)', () => {
    const random = mulberry32(20261207);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(random() * 40);
      // Two decimals (never 1.0), so ties are common.
      const predictions = Array.from({ length: count }, () => {
        const confidence = Math.floor(random() * 99 + 1) / 100;
        return p(confidence, random() < confidence + 0.1);
      });
      const target = [0.5, 0.7, 0.8, 0.9, 0.95][trial % 5]!;
      expect(chooseFallbackThreshold(predictions, target)).toEqual(bruteForce(predictions, target));
    }
  });
});

/** For every distinct confidence t (lowest first): keep confidence ≥ t; the first whose kept accuracy meets the target wins. */
function bruteForce(predictions: readonly ScoredPrediction[], target: number) {
  const candidates = [...new Set(predictions.map((prediction) => prediction.confidence))].sort((a, b) => a - b);
  for (const threshold of candidates) {
    const kept = predictions.filter((prediction) => prediction.confidence >= threshold);
    const right = kept.filter((prediction) => prediction.correct).length;
    if (right / kept.length >= target) {
      return { threshold, targetPrecision: target, confidentAccuracy: right / kept.length, fallbackShare: (predictions.length - kept.length) / predictions.length };
    }
  }
  return { threshold: 1, targetPrecision: target, confidentAccuracy: 1, fallbackShare: 1 };
}
