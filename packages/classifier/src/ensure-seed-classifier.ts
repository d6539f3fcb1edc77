import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NGRAM_SCHEME } from '@routewise/embedder';
import type { Embedder } from '@routewise/embedder';
import { ArtifactDirectory } from './artifact-directory';
import type { ClassifierArtifact } from './classifier-artifact';
import { featureLayoutFor } from './features/feature-row';
import { featurizeSeedExamples } from './featurize-seed-examples';
import { readLabeledExamples, type LabeledExample } from './labeled-example';
import { SoftmaxTaskClassifier } from './softmax-task-classifier';
import { evaluationSourceOf, OWN_PROMPTS_SOURCE } from './sources/own-prompts-source';
import { loadPublicExamples, PUBLIC_MAPPING_VERSION, PUBLIC_SOURCE_CAP, publicSourceFiles } from './sources/public-sources';
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
  const training = options.training ?? DEFAULT_TRAINING_OPTIONS;
  const digest = seedDigest(options, training);
  const directory = new ArtifactDirectory(options.artifactDirectory);
  const existing = options.force ? null : directory.findNewest(options.embedder.id, digest);
  if (existing) {
    const publicCount = Object.entries(existing.trainingData.perSource).filter(([source]) => !source.startsWith(`${OWN_PROMPTS_SOURCE}/`)).reduce((sum, [, count]) => sum + count, 0);
    return { classifier: new SoftmaxTaskClassifier(existing), artifact: existing, trained: false, file: null, publicExamples: publicCount };
  }
  const { own, publicExamples } = readSeedExamples(options.trainingDirectory, options.publicDataDirectory, options.excludeSources);
  const examples = [...own, ...publicExamples];

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

/**
 * What a seed classifier was trained from: the bytes of every training file (ours and the public sets'), the
 * settings, the exclusions and the feature scheme; a change to any of them trains anew. Hashing the files instead of
 * the parsed examples keeps a router that only loads its cached classifier from parsing 20 MB of public data.
 */
function seedDigest(options: EnsureSeedClassifierOptions, training: TrainingOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([training.hyperparameters, training.folds, training.targetPrecision, [...(options.excludeSources ?? [])].sort(), NGRAM_SCHEME, PUBLIC_MAPPING_VERSION, PUBLIC_SOURCE_CAP]));
  for (const file of readdirSync(options.trainingDirectory).filter((name) => name.endsWith('.jsonl')).sort()) {
    hash.update(`\n${file}\n`).update(readFileSync(path.join(options.trainingDirectory, file)));
  }
  if (options.publicDataDirectory && existsSync(options.publicDataDirectory)) {
    for (const file of publicSourceFiles(options.publicDataDirectory)) hash.update(`\n${file}\n`).update(readFileSync(path.join(options.publicDataDirectory, file)));
  }
  return `sha256:${hash.digest('hex')}`;
}
