import { LogisticRegressionTaskClassifier, parseClassifierArtifact } from '@routewise/classifier';
import type { Logger } from '@routewise/telemetry';
import type { ActiveClassifier } from '../pipeline/active-classifier';

export interface ClassifierPollerOptions {
  feedbackUrl: string;
  intervalMs: number;
  active: ActiveClassifier;
  /** The running embedder's id; an artifact trained with another embedder is never swapped in. */
  embedderId: () => string | null;
  logger: Logger;
}

/**
 * Asks the feedback service for the active classifier every `intervalMs` (with If-None-Match, so an unchanged one
 * costs a 304) and swaps a newer one in without a restart. Failures keep the classifier in use.
 */
export class ClassifierPoller {
  private timer: NodeJS.Timeout | null = null;
  private etag: string | null = null;
  private polling = false;

  constructor(private readonly options: ClassifierPollerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One poll; resolves to the version swapped in, or null when nothing changed. */
  async poll(): Promise<string | null> {
    if (this.polling) return null;
    this.polling = true;
    try {
      const response = await fetch(`${this.options.feedbackUrl.replace(/\/+$/, '')}/v1/classifier/active`, {
        headers: this.etag ? { 'if-none-match': this.etag } : {},
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 200) {
        await response.arrayBuffer();
        return null;
      }
      const artifact = parseClassifierArtifact(await response.json());
      this.etag = response.headers.get('etag');
      const current = this.options.active.current();
      if (current?.version === artifact.version) return null;
      if (artifact.embedder.id !== this.options.embedderId()) {
        this.options.logger.warn({ version: artifact.version, embedder: artifact.embedder.id }, 'active classifier was trained with another embedder; keeping ours');
        return null;
      }
      this.options.active.swap(new LogisticRegressionTaskClassifier(artifact));
      this.options.logger.info({ version: artifact.version, previous: current?.version ?? null }, 'swapped in the newly promoted classifier');
      return artifact.version;
    } catch (error) {
      this.options.logger.debug({ error: (error as Error).message }, 'classifier poll failed');
      return null;
    } finally {
      this.polling = false;
    }
  }
}
