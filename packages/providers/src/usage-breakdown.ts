import type { CompletionUsage } from 'openai/resources/completions';

/** Token counts split the way prices are: the one place cost code reads usage, whatever the wire format. */
export interface UsageBreakdown {
  /** Input tokens billed at the full rate: excludes cache reads and cache writes. */
  inputTokens: number;
  /** Input tokens read from the provider's prompt cache. */
  cachedInputTokens: number;
  /** Input tokens written to the prompt cache (Anthropic bills them above the input rate). */
  cacheWriteTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  /** The part of `outputTokens` spent on hidden reasoning. */
  reasoningTokens: number;
  /** False when the provider sent no usage at all (every count is then 0, not measured). */
  reported: boolean;
}

/**
 * Reads OpenAI-format usage. `prompt_tokens` includes cached tokens (OpenAI's convention, which the Anthropic
 * adapter follows by adding cache reads and writes into it); `prompt_tokens_details.cache_write_tokens` is the
 * non-standard field the Anthropic adapter fills. DeepSeek's `prompt_cache_hit_tokens` is read as a fallback.
 */
export function readUsage(usage: CompletionUsage | null | undefined): UsageBreakdown {
  if (usage === null || usage === undefined) {
    return { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, reported: false };
  }
  const promptTokens = count(usage.prompt_tokens);
  const cachedInputTokens = count(usage.prompt_tokens_details?.cached_tokens ?? deepSeekCacheHits(usage));
  const cacheWriteTokens = count(usage.prompt_tokens_details?.cache_write_tokens);
  const outputTokens = count(usage.completion_tokens);
  return {
    inputTokens: Math.max(0, promptTokens - cachedInputTokens - cacheWriteTokens),
    cachedInputTokens,
    cacheWriteTokens,
    outputTokens,
    reasoningTokens: Math.min(outputTokens, count(usage.completion_tokens_details?.reasoning_tokens)),
    reported: true,
  };
}

function deepSeekCacheHits(usage: CompletionUsage): number | undefined {
  const hits: unknown = (usage as CompletionUsage & { prompt_cache_hit_tokens?: unknown }).prompt_cache_hit_tokens;
  return typeof hits === 'number' ? hits : undefined;
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
