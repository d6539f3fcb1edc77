import { argmax, chooseFallbackThreshold, classificationReport, evaluationSourceOf, fitTemperature, outOfSourcePredictions, softmax, type ClassificationReport, type Hyperparameters, type SourcedRow } from '@routewise/classifier';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

/** A labeled row with every label counted right for it (arena coding prompts may be code or code_hard). */
export interface EvaluationRow extends SourcedRow {
  accepted: readonly TaskLabel[];
}

export interface SourceScore {
  source: string;
  examples: number;
  accuracy: number;
  /** Mean F1 over the labels present in this source's gold labels. */
  macroF1: number;
  labels: TaskLabel[];
  /** At the threshold chosen from the other sources' predictions only. */
  threshold: number;
  fallbackShare: number;
  confidentAccuracy: number;
}

export interface ScoredRow {
  row: EvaluationRow;
  probabilities: number[];
  predicted: TaskLabel;
  correct: boolean;
}

export interface LeaveOneSourceOutResult {
  perSource: SourceScore[];
  meanMacroF1: number;
  /** All held-out predictions pooled: macro-F1 over the seven labels. */
  pooled: ClassificationReport<TaskLabel>;
  scored: ScoredRow[];
}

/**
 * For each source (each public set, and the project's prompts as a whole): fit on every other source, predict this
 * one. The temperature and the fallback threshold applied to a source are what training would choose without it:
 * the training recipe's own source-fold predictions (`folds` folds, the project's files as separate sources),
 * restricted to the other sources' rows. So no number here was tuned on the source it scores.
 */
export function leaveOneSourceOut(
  rows: readonly EvaluationRow[],
  hyperparameters: Hyperparameters,
  targetPrecision: number,
  folds: number,
  onFold?: (stage: string, fold: number, folds: number) => void,
): LeaveOneSourceOutResult {
  const coarseRows = rows.map((row) => ({ ...row, source: evaluationSourceOf(row.source) }));
  const sources = [...new Set(coarseRows.map((row) => row.source))].sort();
  const logits = outOfSourcePredictions(coarseRows, sources.length, hyperparameters, (fold, total) => onFold?.('leave-one-source-out', fold, total)).logits.map((row) => Array.from(row));
  const calibrationLogits = outOfSourcePredictions(rows, folds, hyperparameters, (fold, total) => onFold?.('calibration folds', fold, total)).logits.map((row) => Array.from(row));
  const gold = rows.map((row) => TASK_LABELS.indexOf(row.label));
  const scored: ScoredRow[] = new Array(rows.length);
  const perSource = sources.map((source): SourceScore => {
    const inside = coarseRows.map((row) => row.source === source);
    const temperature = fitTemperature(calibrationLogits.filter((_, index) => !inside[index]), gold.filter((_, index) => !inside[index]));
    const calibrated = calibrationLogits.map((row) => softmax(row, temperature));
    const threshold = chooseFallbackThreshold(
      calibrated.flatMap((probabilities, index) => (inside[index] ? [] : [{ confidence: Math.max(...probabilities), correct: rows[index]!.accepted.includes(TASK_LABELS[argmax(probabilities)]!) }])),
      targetPrecision,
    ).threshold;
    const probabilityRows = logits.map((row) => softmax(row, temperature));
    const isCorrect = (index: number) => rows[index]!.accepted.includes(TASK_LABELS[argmax(probabilityRows[index]!)]!);
    const indexes = coarseRows.flatMap((_, index) => (inside[index] ? [index] : []));
    for (const index of indexes) {
      const predicted = TASK_LABELS[argmax(probabilityRows[index]!)]!;
      scored[index] = { row: rows[index]!, probabilities: probabilityRows[index]!, predicted, correct: isCorrect(index) };
    }
    const items = indexes.map((index) => scored[index]!);
    const goldLabels = items.map((item) => (item.correct ? item.predicted : item.row.label));
    const labels = TASK_LABELS.filter((label) => items.some((item) => item.row.label === label));
    const report = classificationReport(goldLabels, items.map((item) => item.predicted), labels, TASK_LABELS);
    const confident = items.filter((item) => Math.max(...item.probabilities) >= threshold);
    return {
      source,
      examples: items.length,
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      labels,
      threshold,
      fallbackShare: 1 - confident.length / Math.max(items.length, 1),
      confidentAccuracy: confident.length === 0 ? 1 : confident.filter((item) => item.correct).length / confident.length,
    };
  });
  const pooledGold = scored.map((item) => (item.correct ? item.predicted : item.row.label));
  return {
    perSource,
    meanMacroF1: perSource.reduce((sum, score) => sum + score.macroF1, 0) / Math.max(perSource.length, 1),
    pooled: classificationReport(pooledGold, scored.map((item) => item.predicted), TASK_LABELS),
    scored,
  };
}
