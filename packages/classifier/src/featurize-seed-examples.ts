import type { Embedder } from '@routewise/embedder';
import type { FeatureLayout } from './feature-vector';
import { isHeldOut, SEED_HOLDOUT_FRACTION } from './holdout-split';
import type { LabeledExample } from './labeled-example';
import { featurizeExamples } from './train-task-classifier';
import type { FeatureRowExample } from './train-on-feature-rows';

/**
 * The project's labeled prompts as raw feature rows for this embedder, each on its fixed side of the split: the
 * same `SEED_HOLDOUT_FRACTION` of ids the seed classifier holds out.
 */
export async function featurizeSeedExamples(
  examples: readonly LabeledExample[],
  embedder: Embedder,
  layout: FeatureLayout,
  onProgress?: (done: number, total: number) => void,
): Promise<FeatureRowExample[]> {
  const rows = await featurizeExamples(examples, embedder, layout, onProgress);
  return examples.map((example, index) => ({
    id: example.id,
    features: rows[index]!,
    label: example.label,
    weight: example.weight ?? 1,
    split: isHeldOut(example.id, SEED_HOLDOUT_FRACTION) ? 'holdout' : 'train',
  }));
}
