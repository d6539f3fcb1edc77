import type { Embedder } from '@routewise/embedder';
import { featureRowOf, type FeatureLayout, type FeatureRow } from '../features/feature-row';
import type { LabeledExample } from '../labeled-example';
import { describeTask } from '../task-description';

/** Feature rows of labeled conversations, embedded in batches, exactly as the router computes them per request. */
export async function featurizeExamples(
  examples: readonly Pick<LabeledExample, 'messages'>[],
  embedder: Embedder,
  layout: FeatureLayout,
  onProgress?: (done: number, total: number) => void,
): Promise<FeatureRow[]> {
  const descriptions = examples.map((example) => describeTask(example.messages));
  const rows: FeatureRow[] = [];
  const batchSize = 64;
  for (let start = 0; start < descriptions.length; start += batchSize) {
    const batch = descriptions.slice(start, start + batchSize);
    const embeddings = await embedder.embed(batch.map((description) => description.text));
    batch.forEach((description, index) => rows.push(featureRowOf(embeddings[index]!, description, layout)));
    onProgress?.(Math.min(start + batchSize, descriptions.length), descriptions.length);
  }
  return rows;
}
