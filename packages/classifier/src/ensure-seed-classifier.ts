import type { Embedder } from '@routewise/embedder';
import { ArtifactDirectory } from './artifact-directory';
import type { ClassifierArtifact } from './classifier-artifact';
import { digestOfExamples, readLabeledExamples } from './labeled-example';
import { LogisticRegressionTaskClassifier } from './logistic-regression-task-classifier';
import { DEFAULT_TRAINING_OPTIONS, trainTaskClassifier, type TrainingOptions } from './train-task-classifier';

export interface EnsureSeedClassifierOptions {
  embedder: Embedder;
  /** Folder of the project's labeled `*.jsonl` prompts. */
  trainingDirectory: string;
  artifactDirectory: string;
  /** Train even when a matching artifact exists. */
  force?: boolean;
  training?: TrainingOptions;
  onProgress?: TrainingOptions['onProgress'];
}

export interface SeedClassifier {
  classifier: LogisticRegressionTaskClassifier;
  artifact: ClassifierArtifact;
  trained: boolean;
  file: string | null;
}

/**
 * A classifier for this embedder trained on the project's own prompts: the saved one when its embedder and
 * training data match, otherwise a new one, trained now and saved.
 */
export async function ensureSeedClassifier(options: EnsureSeedClassifierOptions): Promise<SeedClassifier> {
  const examples = readLabeledExamples(options.trainingDirectory);
  const directory = new ArtifactDirectory(options.artifactDirectory);
  const existing = options.force ? null : directory.findNewest(options.embedder.id, digestOfExamples(examples));
  if (existing) return { classifier: new LogisticRegressionTaskClassifier(existing), artifact: existing, trained: false, file: null };
  const training = { ...(options.training ?? DEFAULT_TRAINING_OPTIONS), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const artifact = await trainTaskClassifier(examples, options.embedder, training);
  const file = directory.save(artifact);
  return { classifier: new LogisticRegressionTaskClassifier(artifact), artifact, trained: true, file };
}
