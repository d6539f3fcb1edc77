import type { TaskDescription, TaskPrediction } from '@routewise/classifier';
import type { TaskLabel } from '@routewise/taxonomy';

/** Asks something stronger than the classifier (normally a cheap LLM) for the task. */
export interface FallbackClassifier {
  readonly model: string;
  /** The label, or null when it failed, timed out or answered something that is not a label. */
  classify(description: TaskDescription): Promise<FallbackAnswer | null>;
}

export interface FallbackAnswer {
  task: TaskLabel;
  costUsd: number;
  cached: boolean;
}

export interface FallbackOutcome {
  task: TaskLabel;
  source: 'classifier' | 'llm';
  /** Set when the fallback was asked, whatever it answered. */
  fallback: { asked: true; model: string; answered: boolean; costUsd: number; cached: boolean } | { asked: false };
}

/** Stage 5: below the threshold, the fallback LLM decides; if it cannot, the classifier's answer stands. */
export async function resolveUncertainTask(
  prediction: TaskPrediction,
  description: TaskDescription,
  threshold: number,
  fallback: FallbackClassifier | null,
): Promise<FallbackOutcome> {
  if (prediction.confidence >= threshold || fallback === null) {
    return { task: prediction.task, source: 'classifier', fallback: { asked: false } };
  }
  const answer = await fallback.classify(description);
  if (answer === null) {
    return { task: prediction.task, source: 'classifier', fallback: { asked: true, model: fallback.model, answered: false, costUsd: 0, cached: false } };
  }
  return {
    task: answer.task,
    source: 'llm',
    fallback: { asked: true, model: fallback.model, answered: true, costUsd: answer.costUsd, cached: answer.cached },
  };
}
