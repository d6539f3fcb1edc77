import type { TaskClassifier, TaskDescription, TaskPrediction } from '@routewise/classifier';

/** Stage 4: probabilities over the seven task labels from the active classifier. */
export function classifyTask(classifier: TaskClassifier, embedding: Float32Array, description: TaskDescription): TaskPrediction {
  return classifier.classify({ embedding, description });
}
