import { describeTask, type PublicExample, type TaskClassifier, type TaskDescription } from '@routewise/classifier';
import type { Embedder } from '@routewise/embedder';

/** An evaluation prompt as the router sees it: its task text and that text's embedding, computed once. */
export interface EvaluationRow {
  example: PublicExample;
  description: TaskDescription;
  embedding: Float32Array;
}

/** What a classifier does on the evaluation set, on its own (the fallback LLM is never asked here). */
export interface EvaluationScore {
  /** Share of prompts whose predicted label is one of the prompt's accepted labels. */
  accuracy: number;
  /** Share of prompts the router would send to the fallback LLM: confidence below the threshold in force. */
  fallbackShare: number;
}

/** Embeds the evaluation prompts' task texts, as the router's embed stage does, in batches. */
export async function prepareEvaluationSet(examples: readonly PublicExample[], embedder: Embedder): Promise<EvaluationRow[]> {
  const descriptions = examples.map((example) => describeTask(example.messages));
  const embeddings: Float32Array[] = [];
  for (let start = 0; start < descriptions.length; start += 64) {
    embeddings.push(...(await embedder.embed(descriptions.slice(start, start + 64).map((description) => description.text))));
  }
  return examples.map((example, index) => ({ example, description: descriptions[index]!, embedding: embeddings[index]! }));
}

/** Scores `classifier` with the router's threshold for it (`pipeline.fallbackThreshold`). */
export function scoreClassifier(classifier: TaskClassifier, threshold: number, rows: readonly EvaluationRow[]): EvaluationScore {
  let right = 0;
  let unsure = 0;
  for (const row of rows) {
    const prediction = classifier.classify({ embedding: row.embedding, description: row.description });
    if (row.example.accepted.includes(prediction.task)) right += 1;
    if (prediction.confidence < threshold) unsure += 1;
  }
  return { accuracy: right / rows.length, fallbackShare: unsure / rows.length };
}
