import { createHash } from 'node:crypto';
import type { Embedder } from '@routewise/embedder';
import { ArtifactDirectory } from './artifact-directory';
import type { ClassifierArtifact } from './classifier-artifact';
import { featureLayoutFor } from './features/feature-row';
import { featurizeSeedExamples } from './featurize-seed-examples';
import { digestOfExamples, readLabeledExamples, type LabeledExample } from './labeled-example';
import { SoftmaxTaskClassifier } from './softmax-task-classifier';
import { evaluationSourceOf } from './sources/own-prompts-source';
import { loadPublicExamples } from './sources/public-sources';
import { DEFAULT_TRAINING_OPTIONS, trainClassifier, type TrainingOptions, type TrainingStage } from './training/train-classifier';

export interface EnsureSeedClassifierOptions {
  embedder: Embedder;
  /** Folder of the project's labeled `*.jsonl` prompts. */
  trainingDirectory: string;
  /** The public labeled sets (../shared/data); skipped when it does not exist. */
  publicDataDirectory: string | null;
  artifactDirectory: string;
  /** Sources to leave out (public set names, or OWN_PROMPTS_SOURCE), e.g. to measure learning on one never seen. */
  excludeSources?: readonly string[] | undefined;
  /** Train even when a matching artifact exists. */
  force?: boolean;
  training?: TrainingOptions;
  onProgress?: (stage: TrainingStage | 'embed', done: number, total: number) => void;
  onIteration?: (iteration: number, loss: number) => void;
}

export interface SeedClassifier {
  classifier: SoftmaxTaskClassifier;
  artifact: ClassifierArtifact;
  trained: boolean;
  file: string | null;
  /** How many seed examples came from the public sets (0 when the folder is missing). */
  publicExamples: number;
}

/** The seed training examples: the project's own prompts, then every mapped public set found, minus `exclude`. */
export function readSeedExamples(
  trainingDirectory: string,
  publicDataDirectory: string | null,
  exclude: readonly string[] = [],
): { own: LabeledExample[]; publicExamples: LabeledExample[] } {
  const own = readLabeledExamples(trainingDirectory).filter((example) => !exclude.includes(example.source!) && !exclude.includes(evaluationSourceOf(example.source!)));
  const publicExamples = publicDataDirectory ? loadPublicExamples(publicDataDirectory).filter((example) => !exclude.includes(example.source)) : [];
  return { own, publicExamples };
}

/**
 * A classifier for this embedder trained on the seed examples (the project's prompts and the public sets): the
 * saved one when its embedder, training data and settings match, otherwise a new one, trained now and saved.
 */
export async function ensureSeedClassifier(options: EnsureSeedClassifierOptions): Promise<SeedClassifier> {
  const { own, publicExamples } = readSeedExamples(options.trainingDirectory, options.publicDataDirectory, options.excludeSources);
  const examples = [...own, ...publicExamples];
  const training = options.training ?? DEFAULT_TRAINING_OPTIONS;
  const digest = seedDigest(examples, training);
  const directory = new ArtifactDirectory(options.artifactDirectory);
  const existing = options.force ? null : directory.findNewest(options.embedder.id, digest);
  if (existing) return { classifier: new SoftmaxTaskClassifier(existing), artifact: existing, trained: false, file: null, publicExamples: publicExamples.length };

  const layout = featureLayoutFor(options.embedder.dimension, training.hyperparameters.ngramDimension);
  const rows = await featurizeSeedExamples(examples, options.embedder, layout, (done, total) => options.onProgress?.('embed', done, total));
  // Every seed example is fitted here; the held-out side of the split only matters to retraining's comparisons.
  const { artifact } = trainClassifier(
    rows.map((row) => ({ ...row, split: 'train' as const })),
    options.embedder,
    layout,
    { ...training, onProgress: options.onProgress, onIteration: options.onIteration },
  );
  const saved: ClassifierArtifact = { ...artifact, trainingData: { ...artifact.trainingData, digest } };
  const file = directory.save(saved);
  return { classifier: new SoftmaxTaskClassifier(saved), artifact: saved, trained: true, file, publicExamples: publicExamples.length };
}

/** The examples' digest joined with the training settings, so a change to either trains anew. */
function seedDigest(examples: readonly LabeledExample[], training: TrainingOptions): string {
  const settings = JSON.stringify([training.hyperparameters, training.folds, training.targetPrecision]);
  return `sha256:${createHash('sha256').update(digestOfExamples(examples)).update(settings).digest('hex')}`;
}
