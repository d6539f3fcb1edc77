export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport<L extends string> {
  accuracy: number;
  /** Mean F1 over `labels` (normally the labels present in the gold data). */
  macroF1: number;
  perLabel: Record<L, LabelMetrics>;
  /** confusion[gold][predicted] counts. */
  confusion: Record<L, Record<L, number>>;
}

export function classificationReport<L extends string>(
  gold: readonly L[],
  predicted: readonly L[],
  labels: readonly L[],
  allLabels: readonly L[] = labels,
): ClassificationReport<L> {
  const confusion = Object.fromEntries(allLabels.map((row) => [row, Object.fromEntries(allLabels.map((column) => [column, 0]))])) as Record<L, Record<L, number>>;
  let correct = 0;
  gold.forEach((goldLabel, index) => {
    const predictedLabel = predicted[index]!;
    confusion[goldLabel][predictedLabel] += 1;
    if (goldLabel === predictedLabel) correct++;
  });
  const perLabel = {} as Record<L, LabelMetrics>;
  for (const label of allLabels) {
    const truePositives = confusion[label][label];
    const predictedCount = allLabels.reduce((sum, row) => sum + confusion[row][label], 0);
    const support = allLabels.reduce((sum, column) => sum + confusion[label][column], 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support };
  }
  const macroF1 = labels.reduce((sum, label) => sum + perLabel[label].f1, 0) / Math.max(labels.length, 1);
  return { accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1, perLabel, confusion };
}
