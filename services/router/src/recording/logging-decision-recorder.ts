import type { Logger } from '@routewise/telemetry';
import type { DecisionRecord, DecisionRecorder } from './decision-record';

/** Writes each decision as one structured log line (the default until a feedback service takes them). */
export class LoggingDecisionRecorder implements DecisionRecorder {
  constructor(private readonly logger: Logger) {}

  record(decision: DecisionRecord): void {
    this.logger.info({ decision }, 'routing decision');
  }

  async close(): Promise<void> {}
}
