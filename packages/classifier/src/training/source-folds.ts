/**
 * Splits sources into `folds` groups of about equal size (largest source first, each into the smallest group), so
 * no source is ever on both sides of a split. A source holding a single label is kept apart from the other sources
 * of that label when a group without one is left: otherwise a fold could hold every example of a label (all the
 * summaries, say), and the model predicting it would never have seen that label, which no deployed classifier is
 * asked to do. With `folds` ≥ the number of sources, every source is its own fold: leave-one-source-out.
 */
export function sourceFolds(rows: readonly { source: string; label: string }[], folds: number): Map<string, number> {
  const sizes = new Map<string, number>();
  const labels = new Map<string, Set<string>>();
  for (const row of rows) {
    sizes.set(row.source, (sizes.get(row.source) ?? 0) + 1);
    labels.set(row.source, (labels.get(row.source) ?? new Set()).add(row.label));
  }
  const ordered = [...sizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const groupCount = Math.max(1, Math.min(folds, ordered.length));
  const totals = new Array<number>(groupCount).fill(0);
  const singleLabelsIn = Array.from({ length: groupCount }, () => new Set<string>());
  const assignment = new Map<string, number>();
  for (const [source, size] of ordered) {
    const sourceLabels = [...labels.get(source)!];
    const single = sourceLabels.length === 1 ? sourceLabels[0]! : null;
    const allowed = totals.map((_, fold) => fold).filter((fold) => single === null || !singleLabelsIn[fold]!.has(single));
    const candidates = allowed.length > 0 ? allowed : totals.map((_, fold) => fold);
    const smallest = candidates.reduce((best, fold) => (totals[fold]! < totals[best]! ? fold : best), candidates[0]!);
    assignment.set(source, smallest);
    totals[smallest]! += size;
    if (single !== null) singleLabelsIn[smallest]!.add(single);
  }
  return assignment;
}
