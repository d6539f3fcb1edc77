import { describeTask, classificationReport, type ClassificationReport, type TaskClassifier, type TaskPrediction } from '@routewise/classifier';
import type { Embedder } from '@routewise/embedder';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import type { EvaluationPrompt } from './public-evaluation-sets';

export interface ScoredPrompt {
  prompt: EvaluationPrompt;
  prediction: TaskPrediction;
  /** The mapped label, or the predicted one when the mapping accepts it too (arena coding may be code_hard). */
  gold: TaskLabel;
}

/** Classifies each prompt as a one-turn user request, the way the router sees it. */
export async function scorePrompts(prompts: readonly EvaluationPrompt[], embedder: Embedder, classifier: TaskClassifier): Promise<ScoredPrompt[]> {
  const scored: ScoredPrompt[] = [];
  const batchSize = 32;
  for (let start = 0; start < prompts.length; start += batchSize) {
    const batch = prompts.slice(start, start + batchSize);
    const descriptions = batch.map((prompt) => describeTask([{ role: 'user', content: prompt.prompt }]));
    const embeddings = await embedder.embed(descriptions.map((description) => description.text));
    batch.forEach((prompt, index) => {
      const prediction = classifier.classify({ embedding: embeddings[index]!, description: descriptions[index]! });
      scored.push({ prompt, prediction, gold: prompt.accepted.includes(prediction.task) ? prediction.task : prompt.label });
    });
  }
  return scored;
}

/** Macro-F1 over the labels that occur in the gold data (public sets have no summarize or code_hard prompts). */
export function reportFor(scored: readonly ScoredPrompt[]): ClassificationReport<TaskLabel> & { labels: TaskLabel[] } {
  const gold = scored.map((item) => item.gold);
  const labels = TASK_LABELS.filter((label) => scored.some((item) => item.prompt.label === label));
  return { ...classificationReport(gold, scored.map((item) => item.prediction.task), labels, TASK_LABELS), labels };
}

export interface ThresholdRow {
  threshold: number;
  fallbackRate: number;
  /** Accuracy of the classifier on the prompts it keeps (confidence ≥ threshold). */
  keptAccuracy: number;
  /** Accuracy of the classifier on the prompts sent to the LLM. */
  fallbackZoneAccuracy: number;
}

export function thresholdSweep(scored: readonly ScoredPrompt[], thresholds: readonly number[]): ThresholdRow[] {
  return thresholds.map((threshold) => {
    const below = scored.filter((item) => item.prediction.confidence < threshold);
    const kept = scored.filter((item) => item.prediction.confidence >= threshold);
    const accuracy = (items: readonly ScoredPrompt[]) => (items.length === 0 ? 1 : items.filter((item) => item.prediction.task === item.gold).length / items.length);
    return { threshold, fallbackRate: below.length / Math.max(scored.length, 1), keptAccuracy: accuracy(kept), fallbackZoneAccuracy: accuracy(below) };
  });
}

/**
 * The threshold rule (docs/decisions/fallback-threshold.md): a prompt is worth a fallback call when the classifier
 * is right on it less often than the LLM's assumed accuracy minus a cost-and-latency margin. Maximizes
 * Σ over prompts below t of (llmAccuracy − margin − classifierCorrect).
 */
export function chooseThreshold(scored: readonly ScoredPrompt[], thresholds: readonly number[], llmAccuracy = 0.9, margin = 0.1): number {
  let best = { threshold: 0, gain: 0 };
  for (const threshold of thresholds) {
    const gain = scored
      .filter((item) => item.prediction.confidence < threshold)
      .reduce((sum, item) => sum + (llmAccuracy - margin - (item.prediction.task === item.gold ? 1 : 0)), 0);
    if (gain > best.gain) best = { threshold, gain };
  }
  return best.threshold;
}
