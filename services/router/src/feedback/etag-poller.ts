import type { Logger } from '@routewise/telemetry';

export interface EtagPollerOptions {
  /** Full URL of the resource, e.g. `${FEEDBACK_URL}/v1/classifier/active`. */
  url: string;
  intervalMs: number;
  logger: Logger;
  /** Called with the parsed body of every 200 answer; its result is what `poll()` resolves to. */
  onChange: (body: unknown) => Promise<boolean> | boolean;
}

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

  /** One poll; resolves to what `onChange` returned, or false when nothing changed or the poll failed. */
  async poll(): Promise<boolean> {
    if (this.polling) return false;
    this.polling = true;
    try {
      const response = await fetch(this.options.url, {
        headers: this.etag ? { 'if-none-match': this.etag } : {},
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 200) {
        await response.arrayBuffer();
        return false;
      }
      const changed = await this.options.onChange(await response.json());
      this.etag = response.headers.get('etag');
      return changed;
    } catch (error) {
      this.options.logger.debug({ url: this.options.url, error: (error as Error).message }, 'poll failed');
      return false;
    } finally {
      this.polling = false;
    }
  }
}
