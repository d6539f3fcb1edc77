import type { OutcomeTable, SatisfactionPosterior } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';
import { EtagPoller } from './etag-poller';
import type { FeedbackServiceEndpoint } from './feedback-service-endpoint';

interface OutcomeRow {
  task: string;
  model: string;
  ups: number;
  downs: number;
}

/** Keeps the thumbs per (task, model) from the feedback service fresh for learned model choice. */
export class OutcomePoller {
  private table = new Map<string, SatisfactionPosterior>();
  private readonly poller: EtagPoller;

  constructor(options: { feedback: FeedbackServiceEndpoint; intervalMs: number; logger: Logger }) {
    this.poller = new EtagPoller({
      url: options.feedback.url('/v1/routing/outcomes'),
      headers: options.feedback.headers(),
      intervalMs: options.intervalMs,
      logger: options.logger,
      onChange: (body) => {
        const rows = (body as { outcomes: OutcomeRow[] }).outcomes;
        this.table = new Map(rows.map((row) => [`${row.task}\u0000${row.model}`, { ups: row.ups, downs: row.downs }]));
        return true;
      },
    });
  }

  readonly outcomes: OutcomeTable = { get: (task, model) => this.table.get(`${task}\u0000${model}`) };

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }
}
