import type { Embedder } from '@routewise/embedder';
import type { FeatureLayout } from './features/feature-row';
import { isHeldOut, SEED_HOLDOUT_FRACTION } from './holdout-split';
import type { LabeledExample } from './labeled-example';
import { OWN_PROMPTS_SOURCE } from './sources/public-sources';
import { featurizeExamples } from './training/featurize-examples';
import type { TrainingRow } from './training/train-classifier';

/**
 * Seed examples (the project's prompts and the public sets) as feature rows for this embedder, each on its fixed
 * side of the split: `SEED_HOLDOUT_FRACTION` of ids are held out, so every retrain is measured on the same rows.
 */
export async function featurizeSeedExamples(
  examples: readonly LabeledExample[],
  embedder: Embedder,
  layout: FeatureLayout,
  onProgress?: (done: number, total: number) => void,
): Promise<TrainingRow[]> {
  const rows = await featurizeExamples(examples, embedder, layout, onProgress);
  return examples.map((example, index) => ({
    id: example.id,
    source: example.source ?? OWN_PROMPTS_SOURCE,
    features: rows[index]!,
    label: example.label,
    weight: example.weight ?? 1,
    split: isHeldOut(example.id, SEED_HOLDOUT_FRACTION) ? 'holdout' : 'train',
  }));
}
