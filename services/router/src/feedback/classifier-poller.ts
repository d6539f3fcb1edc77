import { parseClassifierArtifact, SoftmaxTaskClassifier } from '@routewise/classifier';
import type { Logger } from '@routewise/telemetry';
import type { ActiveClassifier } from '../pipeline/active-classifier';
import { EtagPoller } from './etag-poller';
import type { FeedbackServiceEndpoint } from './feedback-service-endpoint';

export interface ClassifierPollerOptions {
  feedback: FeedbackServiceEndpoint;
  intervalMs: number;
  active: ActiveClassifier;
  /** The running embedder's id; an artifact trained with another embedder is never swapped in. */
  embedderId: () => string | null;
  logger: Logger;
}

/** Where the classifier in use came from, for /readyz. */
export interface ClassifierOrigin {
  source: 'feedback service' | 'local';
  /** Why the local one is in use, or which promoted version was fetched. */
  note: string;
}

/** Swaps a newly promoted classifier in from the feedback service, without a restart. */
export class ClassifierPoller {
  private readonly poller: EtagPoller;
  private otherEmbedder: string | null = null;

  constructor(private readonly options: ClassifierPollerOptions) {
    this.poller = new EtagPoller({
      url: options.feedback.url('/v1/classifier/active'),
      headers: options.feedback.headers(),
      intervalMs: options.intervalMs,
      logger: options.logger,
      onChange: (body) => this.swapIn(body),
    });
  }

  /**
   * The first fetch, before the router calls itself ready: a restarted router must not serve the seed classifier
   * while a promoted one exists. A feedback service that is not up yet is retried until `waitMs` has passed; after
   * that (or when nothing was promoted yet) the local classifier stays, and the origin says why.
   */
  async fetchActive(waitMs: number): Promise<ClassifierOrigin> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const outcome = await this.poller.poll();
      const version = this.options.active.current()?.version;
      if (outcome.kind === 'changed') return { source: 'feedback service', note: `promoted version ${version}` };
      if (outcome.kind === 'missing') return { source: 'local', note: 'no version has been promoted yet' };
      if (outcome.kind === 'unchanged') {
        return this.otherEmbedder
          ? { source: 'local', note: `the promoted version was trained with another embedder (${this.otherEmbedder})` }
          : { source: 'feedback service', note: `promoted version ${version}` };
      }
      const detail = outcome.kind === 'failed' ? outcome.detail : outcome.kind;
      if (Date.now() >= deadline) return { source: 'local', note: `the feedback service did not answer (${detail}); polling on` };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
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
      this.otherEmbedder = artifact.embedder.id;
      this.options.logger.warn({ version: artifact.version, embedder: artifact.embedder.id }, 'active classifier was trained with another embedder; keeping ours');
      return false;
    }
    this.otherEmbedder = null;
    this.options.active.swap(new SoftmaxTaskClassifier(artifact));
    this.options.logger.info({ version: artifact.version, previous: current?.version ?? null }, 'swapped in the newly promoted classifier');
    return true;
  }
}
