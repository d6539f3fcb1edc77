import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '@routewise/telemetry';
import type { TaskDescription } from '@routewise/classifier';
import type { ProviderAdapter, ProviderCallTarget } from '@routewise/providers';
import { computeCost, type CatalogModel } from '@routewise/policy';
import { readUsage } from '@routewise/providers';
import { TASK_DEFINITIONS, TASK_LABELS, isTaskLabel, type TaskLabel } from '@routewise/taxonomy';
import type { FallbackAnswer, FallbackClassifier } from '../pipeline/fallback-stage';

export interface LlmFallbackOptions {
  model: CatalogModel;
  adapter: ProviderAdapter;
  target: ProviderCallTarget;
  timeoutMs: number;
  cacheEntries: number;
  logger: Logger;
}

const MAX_REQUEST_CHARACTERS = 4000;

export const FALLBACK_SYSTEM_PROMPT = [
  'You sort requests sent to an AI assistant into exactly one task type. The task types:',
  ...TASK_LABELS.map((label) => `- ${label}: ${TASK_DEFINITIONS[label]}`),
  'Reply with the task type only: one of the lowercase labels above, with no other words or punctuation.',
].join('\n');

/** The configured cheap LLM (default claude-haiku-4-5) picks the label when the classifier is unsure. */
export class LlmFallbackClassifier implements FallbackClassifier {
  readonly model: string;
  private readonly cache: LRUCache<string, TaskLabel>;

  constructor(private readonly options: LlmFallbackOptions) {
    this.model = options.model.id;
    this.cache = new LRUCache({ max: Math.max(options.cacheEntries, 1) });
  }

  async classify(description: TaskDescription): Promise<FallbackAnswer | null> {
    const key = createHash('sha256').update(description.text).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return { task: cached, costUsd: 0, cached: true };
    try {
      const completion = await this.options.adapter.complete(
        {
          model: this.options.target.upstreamModel,
          messages: [
            { role: 'system', content: FALLBACK_SYSTEM_PROMPT },
            { role: 'user', content: `Request:\n<<<\n${description.text.slice(0, MAX_REQUEST_CHARACTERS)}\n>>>\nTask type:` },
          ],
          max_tokens: 8,
          temperature: 0,
        },
        this.options.target,
        { timeoutMs: this.options.timeoutMs },
      );
      const answer = parseLabel(completion.choices[0]?.message.content ?? '');
      const costUsd = computeCost(this.options.model, readUsage(completion.usage)).totalUsd;
      if (answer === null) {
        this.options.logger.warn({ model: this.model }, 'fallback LLM answered something that is not a task label');
        return null;
      }
      this.cache.set(key, answer);
      return { task: answer, costUsd, cached: false };
    } catch (error) {
      this.options.logger.warn({ model: this.model, error: (error as Error).message }, 'fallback LLM failed; keeping the classifier answer');
      return null;
    }
  }
}

/** Accepts the bare label, tolerating case, quotes, backticks and a trailing period. */
export function parseLabel(text: string): TaskLabel | null {
  const cleaned = text.trim().toLowerCase().replace(/^[`"'*\s]+|[`"'*.\s]+$/g, '');
  return isTaskLabel(cleaned) ? cleaned : null;
}
