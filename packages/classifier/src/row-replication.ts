/** A row never counts more than this many times, so one heavy weight cannot blow up the fit's cost. */
export const MAX_ROW_COPIES = 8;

/**
 * ml-logistic-regression has no sample weights, so a weight becomes a number of copies of its row. Weights are
 * measured in units of the smallest positive weight present: a row counts `round(weight / smallest)` times, at
 * least once and at most MAX_ROW_COPIES; a weight of zero or less leaves the row out. With corrections at 1 and
 * thumbs-up at 0.5, a correction is two copies and a thumbs-up one, exactly the intended ratio; when every weight is
 * equal each row counts once. Ratios that are not whole multiples are rounded to the nearest one (0.75 beside 0.5
 * counts as 2 copies against 1).
 */
export function replicationCounts(weights: readonly number[]): number[] {
  let smallest = Infinity;
  for (const weight of weights) {
    if (!Number.isFinite(weight)) throw new RangeError(`sample weight must be a finite number, got ${weight}`);
    if (weight > 0 && weight < smallest) smallest = weight;
  }
  return weights.map((weight) => (weight > 0 ? Math.min(MAX_ROW_COPIES, Math.max(1, Math.round(weight / smallest))) : 0));
}
