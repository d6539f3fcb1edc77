import { evaluateArtifactOnRows, parseClassifierArtifact, trainOnFeatureRows, type FeatureLayout, type FeatureRowExample, type RowTrainingOptions } from '@routewise/classifier';
import { findActiveClassifier, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import type { HoldoutMetrics, RetrainReport } from './retrain-report';

export interface BaselineInput {
  db: Kysely<Database>;
  embedder: Embedder;
  layout: FeatureLayout;
  seedRows: readonly FeatureRowExample[];
  /** The fixed holdout: the seed prompts' and the feedback's holdout rows. */
  holdoutRows: readonly FeatureRowExample[];
  training: RowTrainingOptions;
}

/**
 * The classifier a candidate must not be worse than, measured on the same holdout. The active version when it was
 * trained for this embedder and layout. Otherwise the seed classifier, refitted by the retraining rule (seed prompts'
 * training split only): the saved seed artifact routers start with was fitted on every seed prompt, holdout ones
 * included, so its holdout score would be inflated and would reject every honest candidate.
 */
export async function chooseBaseline(input: BaselineInput): Promise<RetrainReport['baseline']> {
  const active = await findActiveClassifier(input.db);
  if (active && active.embedder_id === input.embedder.id) {
    const artifact = parseClassifierArtifact(active.artifact);
    if (artifact.features.wordDimension === input.layout.wordDimension && artifact.embedder.dimension === input.layout.embeddingDimension) {
      const report = evaluateArtifactOnRows(artifact, input.holdoutRows);
      return { kind: 'active', version: artifact.version, metrics: { examples: input.holdoutRows.length, accuracy: report.accuracy, macroF1: report.macroF1, perLabel: report.perLabel } };
    }
  }
  const seedTrainRows = input.seedRows.filter((row) => row.split === 'train');
  const seed = trainOnFeatureRows([...seedTrainRows, ...input.holdoutRows], input.embedder, input.layout, input.training);
  return { kind: 'seed', version: null, metrics: seed.artifact.metrics.holdout as HoldoutMetrics };
}
