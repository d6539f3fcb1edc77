import { LogisticRegressionTaskClassifier, parseClassifierArtifact } from '@routewise/classifier';
import type { Logger } from '@routewise/telemetry';
import type { ActiveClassifier } from '../pipeline/active-classifier';
import { EtagPoller } from './etag-poller';

export interface ClassifierPollerOptions {
  feedbackUrl: string;
  intervalMs: number;
  active: ActiveClassifier;
  /** The running embedder's id; an artifact trained with another embedder is never swapped in. */
  embedderId: () => string | null;
  logger: Logger;
}

/** Swaps a newly promoted classifier in from the feedback service, without a restart. */
export class ClassifierPoller {
  private readonly poller: EtagPoller;

  constructor(private readonly options: ClassifierPollerOptions) {
    this.poller = new EtagPoller({
      url: `${options.feedbackUrl.replace(/\/+$/, '')}/v1/classifier/active`,
      intervalMs: options.intervalMs,
      logger: options.logger,
      onChange: (body) => this.swapIn(body),
    });
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  private swapIn(body: unknown): boolean {
    const artifact = parseClassifierArtifact(body);
    const current = this.options.active.current();
    if (current?.version === artifact.version) return false;
    if (artifact.embedder.id !== this.options.embedderId()) {
      this.options.logger.warn({ version: artifact.version, embedder: artifact.embedder.id }, 'active classifier was trained with another embedder; keeping ours');
      return false;
    }
    this.options.active.swap(new LogisticRegressionTaskClassifier(artifact));
    this.options.logger.info({ version: artifact.version, previous: current?.version ?? null }, 'swapped in the newly promoted classifier');
    return true;
  }
}
