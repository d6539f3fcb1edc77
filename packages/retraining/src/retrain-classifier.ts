import {
  DEFAULT_ROW_TRAINING_OPTIONS,
  DEFAULT_TRAINING_OPTIONS,
  featurizeSeedExamples,
  readLabeledExamples,
  SHAPE_FEATURE_NAMES,
  trainOnFeatureRows,
  type FeatureLayout,
  type RowTrainingOptions,
} from '@routewise/classifier';
import { inTransaction, insertClassifierVersion, promoteClassifier, rejectClassifier, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import { chooseBaseline } from './choose-baseline';
import { countExamples } from './count-examples';
import { gatherDatabaseExamples, type SourcedExample } from './gather-training-examples';
import { DEFAULT_MARGIN_MACRO_F1, decidePromotion } from './promotion-rule';
import type { HoldoutMetrics, RetrainReport } from './retrain-report';

export type RetrainStage = 'gather' | 'embed' | 'fit-calibration-model' | 'fit-final-model' | 'evaluate' | 'baseline' | 'store';

export interface RetrainOptions {
  db: Kysely<Database>;
  /** The embedder the routers run; only examples whose features it produced are used. */
  embedder: Embedder;
  /** Folder of the project's labeled `*.jsonl` prompts (the seed examples). */
  trainingDirectory: string;
  /** Promote when the candidate's macro-F1 ≥ the active one's − this margin (default 0.03: the fixed holdout moves about ±0.02 between comparable candidates). */
  marginMacroF1?: number;
  /** Train and report, write nothing. */
  dryRun?: boolean;
  onProgress?: (stage: RetrainStage, done: number, total: number) => void;
  /** Buckets of the hashed bag of words (default: the seed classifier's). */
  wordDimension?: number;
  training?: Partial<Omit<RowTrainingOptions, 'onProgress'>>;
  /** Learn from unrated decisions the fallback LLM labeled (default true). */
  includeFallbackDecisions?: boolean;
}

/**
 * Retrains the task classifier from the seed prompts and the database's labeled examples, compares it with the
 * active version on the fixed holdout (neither was fitted on it) and promotes it only when its macro-F1 is no worse
 * than the margin allows; otherwise it is stored as `rejected` with both numbers in the reason.
 */
export async function retrainClassifier(options: RetrainOptions): Promise<RetrainReport> {
  const startedAt = performance.now();
  const progress = options.onProgress;
  const marginMacroF1 = options.marginMacroF1 ?? DEFAULT_MARGIN_MACRO_F1;
  const layout: FeatureLayout = {
    embeddingDimension: options.embedder.dimension,
    wordDimension: options.wordDimension ?? DEFAULT_TRAINING_OPTIONS.wordDimension,
    shapeFeatureCount: SHAPE_FEATURE_NAMES.length,
  };
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
  const seedExamples = readLabeledExamples(options.trainingDirectory);
  const gathered = await time('gather', () => gatherDatabaseExamples(options.db, { embedderId: options.embedder.id, layout, includeFallbackDecisions: options.includeFallbackDecisions }));
  progress?.('gather', 1, 1);

  const seedRows = await time('embed', () => featurizeSeedExamples(seedExamples, options.embedder, layout, (done, total) => progress?.('embed', done, total)));
  const examples: SourcedExample[] = [...seedRows.map((row) => ({ ...row, source: 'seed' as const })), ...gathered.examples];

  const training: RowTrainingOptions = { ...DEFAULT_ROW_TRAINING_OPTIONS, ...options.training, onProgress: (stage, done, total) => progress?.(stage, done, total) };
  const candidate = await time('train', () => trainOnFeatureRows(examples, options.embedder, layout, training));

  progress?.('baseline', 0, 1);
  const holdoutRows = examples.filter((row) => row.split === 'holdout');
  const baseline = await time('baseline', () => chooseBaseline({ db: options.db, embedder: options.embedder, layout, seedRows, holdoutRows, training: { ...training, onProgress: undefined } }));
  progress?.('baseline', 1, 1);

  const candidateMetrics = candidate.artifact.metrics.holdout as HoldoutMetrics;
  const baselineName = baseline.kind === 'active' ? `active ${baseline.version}` : 'seed classifier';
  const { decision, reason } = decidePromotion(candidateMetrics.macroF1, baseline.metrics.macroF1, marginMacroF1, baselineName);

  let storedStatus: RetrainReport['storedStatus'] = null;
  if (!options.dryRun) {
    progress?.('store', 0, 1);
    storedStatus = await time('store', () =>
      inTransaction(options.db, async (transaction) => {
        await insertClassifierVersion(transaction, {
          version: candidate.artifact.version,
          embedder_id: options.embedder.id,
          artifact: candidate.artifact,
          metrics: { holdout: candidateMetrics, baseline: { kind: baseline.kind, version: baseline.version, holdout: baseline.metrics }, marginMacroF1 },
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
    baseline,
    candidate: { version: candidate.artifact.version, metrics: candidateMetrics, replicatedRows: candidate.replicatedRows, temperature: candidate.artifact.calibration.temperature },
    marginMacroF1,
    decision,
    reason,
    storedStatus,
    timingsMs,
  };
}
