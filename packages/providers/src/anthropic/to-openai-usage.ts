import type { CompletionUsage } from 'openai/resources/completions';
import type { AnthropicUsage } from './anthropic-response-schema';

/**
 * Anthropic usage in OpenAI's terms. Anthropic counts cache reads and writes apart from `input_tokens`;
 * OpenAI's `prompt_tokens` includes cached tokens, so all three are added. Cache writes also go to the
 * non-standard `prompt_tokens_details.cache_write_tokens`, so cost can price them at their own rate.
 */
export function toOpenAIUsage(usage: AnthropicUsage | null | undefined): CompletionUsage {
  const uncachedInput = count(usage?.input_tokens);
  const cacheReads = count(usage?.cache_read_input_tokens);
  const cacheWrites = count(usage?.cache_creation_input_tokens);
  const output = count(usage?.output_tokens);
  const thinking = count(usage?.output_tokens_details?.thinking_tokens);
  const promptTokens = uncachedInput + cacheReads + cacheWrites;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: output,
    total_tokens: promptTokens + output,
    prompt_tokens_details: { cached_tokens: cacheReads, cache_write_tokens: cacheWrites },
    ...(thinking > 0 ? { completion_tokens_details: { reasoning_tokens: thinking } } : {}),
  };
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
