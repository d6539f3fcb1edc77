import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import { classificationReport, type ClassificationReport } from './classification-metrics';
import { LogisticRegressionTaskClassifier } from './logistic-regression-task-classifier';
import type { RawFeatureRow } from './sparse-model-rows';

/** Accuracy, macro-F1 and per-label F1 of a classifier artifact on labeled raw feature rows (all seven labels). */
export function evaluateArtifactOnRows(
  artifact: ClassifierArtifact,
  rows: readonly { features: RawFeatureRow; label: TaskLabel }[],
): ClassificationReport<TaskLabel> {
  const classifier = new LogisticRegressionTaskClassifier(artifact);
  const predictions = rows.length === 0 ? [] : classifier.classifyRows(rows.map((row) => row.features)).map((prediction) => prediction.task);
  return classificationReport(rows.map((row) => row.label), predictions, TASK_LABELS);
}
