import type { Logger } from '@routewise/telemetry';

export interface EtagPollerOptions {
  /** Full URL of the resource, e.g. `${FEEDBACK_URL}/v1/classifier/active`. */
  url: string;
  /** Sent with every poll (the internal token). */
  headers: Record<string, string>;
  intervalMs: number;
  logger: Logger;
  /** Called with the parsed body of every 200 answer; true when it took the new value. */
  onChange: (body: unknown) => Promise<boolean> | boolean;
}

/** What one poll found: a new value taken, nothing new, no such resource yet (404), or no usable answer. */
export type PollOutcome = { kind: 'changed' | 'unchanged' | 'missing' } | { kind: 'failed'; detail: string };

/**
 * Fetches a JSON resource every `intervalMs` with If-None-Match, so an unchanged one costs a 304, and hands changed
 * bodies to `onChange`. Failures (service down, bad body) are logged at debug and leave the last value in use.
 */
export class EtagPoller {
  private timer: NodeJS.Timeout | null = null;
  private etag: string | null = null;
  private polling = false;

  constructor(private readonly options: EtagPollerOptions) {}

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

  /** One poll (none while another is under way: that one's outcome is 'unchanged' here). */
  async poll(): Promise<PollOutcome> {
    if (this.polling) return { kind: 'unchanged' };
    this.polling = true;
    try {
      const response = await fetch(this.options.url, {
        headers: this.etag ? { ...this.options.headers, 'if-none-match': this.etag } : this.options.headers,
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 200) {
        await response.arrayBuffer();
        if (response.status === 304) return { kind: 'unchanged' };
        if (response.status === 404) return { kind: 'missing' };
        throw new Error(`HTTP ${response.status}`);
      }
      const changed = await this.options.onChange(await response.json());
      this.etag = response.headers.get('etag');
      return { kind: changed ? 'changed' : 'unchanged' };
    } catch (error) {
      this.options.logger.debug({ url: this.options.url, error: (error as Error).message }, 'poll failed');
      return { kind: 'failed', detail: (error as Error).message };
    } finally {
      this.polling = false;
    }
  }
}
