import type { Logger } from '@routewise/telemetry';
import type { FeedbackServiceEndpoint } from '../feedback/feedback-service-endpoint';
import type { DecisionRecord, DecisionRecorder } from './decision-record';

export interface HttpDecisionRecorderOptions {
  /** The feedback service; decisions go to its /v1/decisions with the internal token. */
  feedback: FeedbackServiceEndpoint;
  logger: Logger;
  /** Most decisions held while the feedback service is slow or down; beyond it new ones are dropped and counted. */
  bufferLimit?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Backoff after a failed send doubles from the first delay up to the cap. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  requestTimeoutMs?: number;
  /** How long `close()` keeps trying to deliver what is buffered. */
  closeTimeoutMs?: number;
}

export interface RecorderStatistics {
  buffered: number;
  sent: number;
  dropped: number;
  /** Decisions the feedback service refused as invalid (logged; never resent). */
  rejected: number;
  failedAttempts: number;
}

/** The feedback service's answer to a batch (its `rejected` items are not stored). */
interface BatchAnswer {
  rejected?: { index: number; message: string }[];
}

/**
 * Ships decisions to the feedback service in batches from a bounded in-memory buffer. `record` only appends, so a
 * routed request never waits for it; a background loop sends, and on failure keeps the batch and retries with
 * backoff. The service stores decisions idempotently by request id, so a batch that is sent twice (the answer was
 * lost, not the request) is stored once.
 */
export class HttpDecisionRecorder implements DecisionRecorder {
  private readonly buffer: DecisionRecord[] = [];
  private readonly statistics: RecorderStatistics = { buffered: 0, sent: 0, dropped: 0, rejected: 0, failedAttempts: 0 };
  private readonly options: Required<Omit<HttpDecisionRecorderOptions, 'logger' | 'feedback'>>;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<boolean> | null = null;
  private retryDelay: number;
  private nextAttemptAt = 0;
  private outage = false;
  private closed = false;
  /** The last attempt was refused for its token: retrying at shutdown cannot help. */
  private tokenRefused = false;

  constructor(private readonly settings: HttpDecisionRecorderOptions) {
    this.options = {
      bufferLimit: settings.bufferLimit ?? 10_000,
      batchSize: settings.batchSize ?? 200,
      flushIntervalMs: settings.flushIntervalMs ?? 250,
      retryDelayMs: settings.retryDelayMs ?? 250,
      maxRetryDelayMs: settings.maxRetryDelayMs ?? 10_000,
      requestTimeoutMs: settings.requestTimeoutMs ?? 5_000,
      closeTimeoutMs: settings.closeTimeoutMs ?? 10_000,
    };
    this.retryDelay = this.options.retryDelayMs;
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  record(decision: DecisionRecord): void {
    if (this.closed || this.buffer.length >= this.options.bufferLimit) {
      this.statistics.dropped += 1;
      return;
    }
    this.buffer.push(decision);
    if (this.buffer.length >= this.options.batchSize) void this.flush();
  }

  /** True while the decision is still waiting in this process's buffer. */
  isPending(requestId: string): boolean {
    return this.buffer.some((decision) => decision.requestId === requestId);
  }

  stats(): RecorderStatistics {
    return { ...this.statistics, buffered: this.buffer.length };
  }

  /**
   * Sends what is buffered now (one batch at a time, oldest first). Resolves to true when the buffer is empty.
   * `force` ignores the backoff delay, for feedback that must not outrun its decision and for shutdown.
   */
  async flush(force = false): Promise<boolean> {
    while (this.sending) await this.sending;
    if (this.buffer.length === 0) return true;
    if (!force && Date.now() < this.nextAttemptAt) return false;
    this.sending = this.sendBatches();
    try {
      return await this.sending;
    } finally {
      this.sending = null;
    }
  }

  /**
   * Stops taking decisions and delivers what is buffered, retrying with backoff for up to `closeTimeoutMs` (a feedback
   * service that is restarting at the same moment gets that long to come back). What is still undelivered then is
   * logged as lost.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closed = true;
    const deadline = Date.now() + this.options.closeTimeoutMs;
    while (!(await this.flush(true)) && Date.now() < deadline && !this.tokenRefused) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryDelay, Math.max(deadline - Date.now(), 0))));
    }
    if (this.buffer.length > 0) {
      this.settings.logger.warn({ lost: this.buffer.length }, 'decisions not delivered to the feedback service at shutdown');
    } else if (this.statistics.sent > 0) {
      this.settings.logger.info({ sent: this.statistics.sent }, 'every decision delivered to the feedback service');
    }
  }

  private async sendBatches(): Promise<boolean> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.batchSize);
      if (!(await this.send(batch))) return false;
      this.buffer.splice(0, batch.length);
      this.statistics.sent += batch.length;
    }
    return true;
  }

  /** Refused items are not resent: the same bytes would be refused again. They are counted and logged. */
  private countRejected(batch: DecisionRecord[], answer: BatchAnswer): void {
    const rejected = Array.isArray(answer.rejected) ? answer.rejected : [];
    if (rejected.length === 0) return;
    this.statistics.rejected += rejected.length;
    const first = rejected[0]!;
    this.settings.logger.warn(
      { rejected: rejected.length, example: { requestId: batch[first.index]?.requestId ?? null, message: first.message } },
      'the feedback service refused decisions as invalid',
    );
  }

  private async send(batch: DecisionRecord[]): Promise<boolean> {
    try {
      const response = await fetch(this.settings.feedback.url('/v1/decisions'), {
        method: 'POST',
        headers: this.settings.feedback.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ decisions: batch }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      const answer = (await response.json().catch(() => ({}))) as BatchAnswer;
      this.tokenRefused = response.status === 401;
      if (this.tokenRefused) throw new Error('HTTP 401: the feedback service refused the internal token (ROUTEWISE_INTERNAL_TOKEN must match)');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.countRejected(batch, answer);
      if (this.outage) this.settings.logger.info({ buffered: this.buffer.length }, 'feedback service reachable again; sending buffered decisions');
      this.outage = false;
      this.retryDelay = this.options.retryDelayMs;
      this.nextAttemptAt = 0;
      return true;
    } catch (error) {
      this.statistics.failedAttempts += 1;
      if (!this.outage) {
        this.settings.logger.warn({ error: (error as Error).message, buffered: this.buffer.length }, 'feedback service unreachable; buffering decisions and retrying');
      }
      this.outage = true;
      this.nextAttemptAt = Date.now() + this.retryDelay * (0.75 + Math.random() / 2);
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs);
      return false;
    }
  }
}
