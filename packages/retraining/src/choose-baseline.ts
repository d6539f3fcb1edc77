import { evaluateArtifactOnRows, inheritFrom, parseClassifierArtifact, sameLayout, trainClassifier, type ClassifierArtifact, type FeatureLayout, type TrainingOptions, type TrainingRow } from '@routewise/classifier';
import { findActiveClassifier, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import type { HoldoutMetrics, RetrainReport } from './retrain-report';

export interface BaselineInput {
  db: Kysely<Database>;
  embedder: Embedder;
  layout: FeatureLayout;
  /** The seed classifier the routers start with (trained on every seed example). */
  seed: ClassifierArtifact;
  seedRows: readonly TrainingRow[];
  /** The fixed holdout: the seed examples' and the feedback's holdout rows. */
  holdoutRows: readonly TrainingRow[];
  training: TrainingOptions;
}

export interface Baseline {
  report: RetrainReport['baseline'];
  /** The artifact a candidate inherits its calibration and starting weights from. */
  artifact: ClassifierArtifact;
}

/** The active version, when it was trained for this embedder and feature layout. */
export async function activeArtifactFor(db: Kysely<Database>, embedderId: string, layout: FeatureLayout): Promise<ClassifierArtifact | null> {
  const active = await findActiveClassifier(db);
  if (!active || active.embedder_id !== embedderId) return null;
  const parsed = (() => {
    try {
      return parseClassifierArtifact(active.artifact);
    } catch {
      return null; // a version in an older format: retraining replaces it
    }
  })();
  return parsed && sameLayout(parsed.features.layout, layout) ? parsed : null;
}

/**
 * The classifier a candidate must not be worse than, measured on the same holdout: the active version when there is
 * one for this embedder and layout. Otherwise the seed classifier, refitted by the retraining rule (seed examples'
 * training split only): the seed artifact routers start with was fitted on every seed example, holdout ones
 * included, so its holdout score would be inflated and would reject every honest candidate.
 */
export async function chooseBaseline(input: BaselineInput): Promise<Baseline> {
  const active = await activeArtifactFor(input.db, input.embedder.id, input.layout);
  if (active) {
    const report = evaluateArtifactOnRows(active, input.holdoutRows);
    return { artifact: active, report: { kind: 'active', version: active.version, metrics: metricsOf(input.holdoutRows.length, report) } };
  }
  const seedTrainRows = input.seedRows.filter((row) => row.split === 'train');
  const refit = trainClassifier([...seedTrainRows, ...input.holdoutRows], input.embedder, input.layout, { ...input.training, folds: 0, inherit: inheritFrom(input.seed) });
  return { artifact: input.seed, report: { kind: 'seed', version: null, metrics: refit.artifact.metrics.holdout as HoldoutMetrics } };
}

function metricsOf(examples: number, report: Omit<HoldoutMetrics, 'examples'>): HoldoutMetrics {
  return { examples, accuracy: report.accuracy, macroF1: report.macroF1, perLabel: report.perLabel };
}
