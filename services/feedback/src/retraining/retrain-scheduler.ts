import { countTrainingExamples, type Database, type Kysely } from '@routewise/database';
import { ConflictError } from '@routewise/errors';
import type { Logger } from '@routewise/telemetry';
import type { RetrainCoordinator, RetrainTrigger } from './retrain-coordinator';

export interface RetrainSchedulerOptions {
  db: Kysely<Database>;
  coordinator: RetrainCoordinator;
  /** Retrain this often; 0: never on a clock. */
  everyMinutes: number;
  /** Retrain once this many training examples were added since the last retrain; 0: off. */
  afterExamples: number;
  /** How often the example count is checked (default 15 s). */
  checkIntervalMs?: number;
  logger: Logger;
}

/** RETRAIN_EVERY_MINUTES and RETRAIN_AFTER_EXAMPLES: retraining as a background job of the feedback service. */
export class RetrainScheduler {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: RetrainSchedulerOptions) {}

  async start(): Promise<void> {
    const { everyMinutes, afterExamples, coordinator, db } = this.options;
    if (everyMinutes > 0) this.every(everyMinutes * 60_000, () => this.trigger('schedule'));
    if (afterExamples > 0) {
      // Examples already stored at start count as trained on: only new ones trigger.
      coordinator.examplesAtLastRetrain ??= await countTrainingExamples(db);
      this.every(this.options.checkIntervalMs ?? 15_000, () => this.checkNewExamples());
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Retrains when enough examples arrived; resolves once that retrain (if any) is done. */
  async checkNewExamples(): Promise<void> {
    const { coordinator, db, afterExamples } = this.options;
    if (coordinator.isRunning) return;
    const added = (await countTrainingExamples(db)) - (coordinator.examplesAtLastRetrain ?? 0);
    if (added >= afterExamples) await this.trigger('new-examples');
  }

  private every(intervalMs: number, work: () => Promise<void>): void {
    const timer = setInterval(() => void work(), intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  private async trigger(trigger: RetrainTrigger): Promise<void> {
    try {
      await this.options.coordinator.retrain({ dryRun: false, trigger });
    } catch (error) {
      if (error instanceof ConflictError) return;
      this.options.logger.error({ trigger, error: (error as Error).message }, 'scheduled retrain failed');
    }
  }
}
