import { ConflictError } from '@routewise/errors';
import { countTrainingExamples, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import { retrainClassifier, type RetrainReport } from '@routewise/retraining';
import type { Logger } from '@routewise/telemetry';

export interface RetrainCoordinatorOptions {
  db: Kysely<Database>;
  /** The routers' embedder (same model and id). */
  embedder: Embedder;
  trainingDirectory: string;
  /** The public labeled sets the seed classifier also trains on; null without them. */
  publicDataDirectory: string | null;
  /** Where the seed classifier is kept ($ROUTEWISE_DATA_DIR/classifiers, shared with a router on the same machine). */
  artifactDirectory: string;
  /** Seed sources left out of training (ROUTEWISE_EXCLUDE_SOURCES). */
  excludeSources?: readonly string[];
  marginMacroF1: number;
  /** How much a fallback LLM label counts (config `classifier.fallback_label_weight`). */
  fallbackLabelWeight: number;
  /** The seed classifier's precision target for its fallback threshold (config `classifier.target_precision`). */
  targetPrecision: number;
  logger: Logger;
}

export type RetrainTrigger = 'request' | 'schedule' | 'new-examples';

/** Runs one retrain at a time in this process: a second one while the first runs is a ConflictError (409). */
export class RetrainCoordinator {
  private running: Promise<RetrainReport> | null = null;
  /** Training examples stored when the last retrain started; null before the first. */
  examplesAtLastRetrain: number | null = null;

  constructor(private readonly options: RetrainCoordinatorOptions) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Resolves when no retrain runs (or after `timeoutMs`): a stopping service lets one finish before closing the database. */
  async idle(timeoutMs: number): Promise<void> {
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const finished = this.running.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  async retrain(request: { dryRun: boolean; trigger: RetrainTrigger }): Promise<RetrainReport> {
    if (this.running) throw new ConflictError('A retrain is already running; try again when it has finished.');
    this.running = this.run(request);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async run(request: { dryRun: boolean; trigger: RetrainTrigger }): Promise<RetrainReport> {
    const { db, embedder, trainingDirectory, publicDataDirectory, artifactDirectory, excludeSources, marginMacroF1, fallbackLabelWeight, targetPrecision, logger } = this.options;
    const examplesAtStart = await countTrainingExamples(db);
    logger.info({ trigger: request.trigger, dryRun: request.dryRun, examples: examplesAtStart }, 'retraining the classifier');
    const report = await retrainClassifier({
      db,
      embedder,
      trainingDirectory,
      publicDataDirectory,
      artifactDirectory,
      excludeSources,
      marginMacroF1,
      fallbackLabelWeight,
      targetPrecision,
      dryRun: request.dryRun,
    });
    if (!request.dryRun) this.examplesAtLastRetrain = examplesAtStart;
    logger.info(
      {
        trigger: request.trigger,
        version: report.candidate.version,
        decision: report.decision,
        stored: report.storedStatus,
        candidateMacroF1: report.candidate.metrics.macroF1,
        baselineMacroF1: report.baseline.metrics.macroF1,
        ms: report.timingsMs.total,
      },
      report.reason,
    );
    return report;
  }
}
