import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { ClassifierArtifact } from './classifier-artifact';
import { classificationReport, type ClassificationReport } from './classification-metrics';
import type { FeatureRow } from './features/feature-row';
import { SoftmaxTaskClassifier } from './softmax-task-classifier';

/** Accuracy, macro-F1 and per-label F1 of a classifier artifact on labeled feature rows (all seven labels). */
export function evaluateArtifactOnRows(artifact: ClassifierArtifact, rows: readonly { features: FeatureRow; label: TaskLabel }[]): ClassificationReport<TaskLabel> {
  const classifier = new SoftmaxTaskClassifier(artifact);
  return classificationReport(rows.map((row) => row.label), rows.map((row) => classifier.classifyRow(row.features).task), TASK_LABELS);
}
