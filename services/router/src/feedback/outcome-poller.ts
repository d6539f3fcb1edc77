import type { OutcomeTable, SatisfactionPosterior } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';

interface OutcomeRow {
  task: string;
  model: string;
  ups: number;
  downs: number;
}

/**
 * Keeps the thumbs per (task, model) from the feedback service fresh for learned model choice, polling with
 * If-None-Match. Until the first answer, and while the service is down, the last table stays in use.
 */
export class OutcomePoller {
  private table = new Map<string, SatisfactionPosterior>();
  private etag: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: { feedbackUrl: string; intervalMs: number; logger: Logger }) {}

  readonly outcomes: OutcomeTable = { get: (task, model) => this.table.get(`${task}\u0000${model}`) };

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

  async poll(): Promise<boolean> {
    try {
      const response = await fetch(`${this.options.feedbackUrl.replace(/\/+$/, '')}/v1/routing/outcomes`, {
        headers: this.etag ? { 'if-none-match': this.etag } : {},
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 200) {
        await response.arrayBuffer();
        return false;
      }
      const body = (await response.json()) as { outcomes: OutcomeRow[] };
      this.table = new Map(body.outcomes.map((row) => [`${row.task}\u0000${row.model}`, { ups: row.ups, downs: row.downs }]));
      this.etag = response.headers.get('etag');
      return true;
    } catch (error) {
      this.options.logger.debug({ error: (error as Error).message }, 'outcome poll failed');
      return false;
    }
  }
}
