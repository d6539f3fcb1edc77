import {
  DEFAULT_TRAINING_OPTIONS,
  ensureSeedClassifier,
  featureLayoutFor,
  featurizeSeedExamples,
  inheritFrom,
  readSeedExamples,
  trainClassifier,
  type TrainingOptions,
} from '@routewise/classifier';
import { inTransaction, insertClassifierVersion, promoteClassifier, rejectClassifier, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import { chooseBaseline } from './choose-baseline';
import { countExamples } from './count-examples';
import { gatherDatabaseExamples, type SourcedExample } from './gather-training-examples';
import { DEFAULT_MARGIN_MACRO_F1, decidePromotion } from './promotion-rule';
import type { HoldoutMetrics, RetrainReport } from './retrain-report';

export type RetrainStage = 'gather' | 'embed' | 'final-fit' | 'evaluate' | 'baseline' | 'store';

export interface RetrainOptions {
  db: Kysely<Database>;
  /** The embedder the routers run; only examples whose features it produced are used. */
  embedder: Embedder;
  /** Folder of the project's labeled `*.jsonl` prompts. */
  trainingDirectory: string;
  /** The public labeled sets the seed classifier also trains on; null when there are none. */
  publicDataDirectory: string | null;
  /** Where the seed classifier is saved (it is trained there first when missing). */
  artifactDirectory: string;
  /** Seed sources left out (see ensureSeedClassifier). */
  excludeSources?: readonly string[] | undefined;
  /** Promote when the candidate's macro-F1 ≥ the active one's − this margin (default 0.03: the fixed holdout moves about ±0.02 between comparable candidates). */
  marginMacroF1?: number;
  /** Train and report, write nothing. */
  dryRun?: boolean;
  onProgress?: (stage: RetrainStage, done: number, total: number) => void;
  training?: TrainingOptions;
  /** The seed classifier's precision target for its fallback threshold (default 0.9); ignored with `training`. */
  targetPrecision?: number;
  /** Learn from unrated decisions the fallback LLM labeled (default true), each counting this much (default 0.5). */
  includeFallbackDecisions?: boolean;
  fallbackLabelWeight?: number;
}

/**
 * Retrains the task classifier from the seed examples (the project's prompts and the public sets) and the
 * database's labeled examples: user corrections, confirmed predictions and the fallback LLM's labels. The fit
 * starts from the active (or seed) classifier's weights and keeps its calibration, chosen on out-of-source
 * predictions when the seed was trained; so a retrain costs one fit. The candidate is compared with the active
 * version on the fixed holdout (neither was fitted on it) and promoted only when its macro-F1 is no worse than the
 * margin allows; otherwise it is stored as `rejected` with both numbers in the reason.
 */
export async function retrainClassifier(options: RetrainOptions): Promise<RetrainReport> {
  const startedAt = performance.now();
  const progress = options.onProgress;
  const marginMacroF1 = options.marginMacroF1 ?? DEFAULT_MARGIN_MACRO_F1;
  const training = options.training ?? { ...DEFAULT_TRAINING_OPTIONS, targetPrecision: options.targetPrecision ?? DEFAULT_TRAINING_OPTIONS.targetPrecision };
  const layout = featureLayoutFor(options.embedder.dimension, training.hyperparameters.ngramDimension);
  const timingsMs = { gather: 0, embed: 0, train: 0, baseline: 0, store: 0, total: 0 };
  const time = async <T>(phase: keyof typeof timingsMs, work: () => Promise<T> | T): Promise<T> => {
    const phaseStart = performance.now();
    try {
      return await work();
    } finally {
      timingsMs[phase] = Math.round(performance.now() - phaseStart);
    }
  };

  progress?.('gather', 0, 1);
  const seed = await ensureSeedClassifier({
    embedder: options.embedder,
    trainingDirectory: options.trainingDirectory,
    publicDataDirectory: options.publicDataDirectory,
    artifactDirectory: options.artifactDirectory,
    excludeSources: options.excludeSources,
    training,
  });
  const { own, publicExamples } = readSeedExamples(options.trainingDirectory, options.publicDataDirectory, options.excludeSources);
  const gathered = await time('gather', () =>
    gatherDatabaseExamples(options.db, { embedderId: options.embedder.id, layout, includeFallbackDecisions: options.includeFallbackDecisions, fallbackLabelWeight: options.fallbackLabelWeight }),
  );
  progress?.('gather', 1, 1);

  const seedRows = await time('embed', () => featurizeSeedExamples([...own, ...publicExamples], options.embedder, layout, (done, total) => progress?.('embed', done, total)));
  const examples: SourcedExample[] = [...seedRows.map((row) => ({ ...row, source: 'seed' as const })), ...gathered.examples];
  const holdoutRows = examples.filter((row) => row.split === 'holdout');

  progress?.('baseline', 0, 1);
  const baseline = await time('baseline', () => chooseBaseline({ db: options.db, embedder: options.embedder, layout, seed: seed.artifact, seedRows, holdoutRows, training }));
  progress?.('baseline', 1, 1);

  const candidate = await time('train', () =>
    trainClassifier(examples, options.embedder, layout, {
      ...training,
      folds: 0,
      inherit: inheritFrom(baseline.artifact),
      onProgress: (stage, done, total) => (stage === 'cross-fit' ? undefined : progress?.(stage, done, total)),
    }),
  );

  const candidateMetrics = candidate.artifact.metrics.holdout as HoldoutMetrics;
  const baselineName = baseline.report.kind === 'active' ? `active ${baseline.report.version}` : 'seed classifier';
  const { decision, reason } = decidePromotion(candidateMetrics.macroF1, baseline.report.metrics.macroF1, marginMacroF1, baselineName);

  let storedStatus: RetrainReport['storedStatus'] = null;
  if (!options.dryRun) {
    progress?.('store', 0, 1);
    storedStatus = await time('store', () =>
      inTransaction(options.db, async (transaction) => {
        await insertClassifierVersion(transaction, {
          version: candidate.artifact.version,
          embedder_id: options.embedder.id,
          artifact: candidate.artifact,
          metrics: { holdout: candidateMetrics, baseline: { kind: baseline.report.kind, version: baseline.report.version, holdout: baseline.report.metrics }, marginMacroF1 },
          status: 'candidate',
        });
        if (decision === 'promote') return (await promoteClassifier(transaction, candidate.artifact.version)).status as 'active';
        return (await rejectClassifier(transaction, candidate.artifact.version, reason)).status as 'rejected';
      }),
    );
    progress?.('store', 1, 1);
  }

  timingsMs.total = Math.round(performance.now() - startedAt);
  return {
    dryRun: options.dryRun ?? false,
    embedderId: options.embedder.id,
    examples: { ...countExamples(examples), skipped: gathered.skipped },
    baseline: baseline.report,
    candidate: {
      version: candidate.artifact.version,
      metrics: candidateMetrics,
      iterations: candidate.artifact.fit.iterations,
      converged: candidate.artifact.fit.converged,
      temperature: candidate.artifact.calibration.temperature,
      fallbackThreshold: candidate.artifact.calibration.fallbackThreshold,
    },
    marginMacroF1,
    decision,
    reason,
    storedStatus,
    timingsMs,
  };
}
