import type { Logger } from '@routewise/telemetry';
import type { DecisionRecord, DecisionRecorder } from './decision-record';

/**
 * Writes each decision as one structured log line (when no feedback service takes them). The classifier's feature
 * row (a thousand numbers, for retraining) is left out: a log line is for people.
 */
export class LoggingDecisionRecorder implements DecisionRecorder {
  constructor(private readonly logger: Logger) {}

  record(decision: DecisionRecord): void {
    const { features: _features, ...readable } = decision;
    this.logger.info({ decision: readable }, 'routing decision');
  }

  async close(): Promise<void> {}
}
