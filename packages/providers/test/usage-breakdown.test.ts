import { readJsonFixture } from '@routewise/test-support';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { toOpenAIUsage } from '../src/anthropic/to-openai-usage';
import { readUsage } from '../src/index';

describe('readUsage', () => {
  it('splits recorded OpenAI usage into uncached input, cache reads and output', () => {
    const completion = readJsonFixture('openai-chat-completion.json') as ChatCompletion;

    expect(readUsage(completion.usage)).toEqual({
      inputTokens: 1337 - 1152,
      cachedInputTokens: 1152,
      cacheWriteTokens: 0,
      outputTokens: 34,
      reasoningTokens: 0,
      reported: true,
    });
  });

  it('reads reasoning tokens as part of the output', () => {
    const completion = readJsonFixture('openai-chat-completion-tool-calls.json') as ChatCompletion;

    expect(readUsage(completion.usage)).toMatchObject({ inputTokens: 82, outputTokens: 214, reasoningTokens: 192 });
  });

  it('reads Anthropic usage after translation, cache writes included', () => {
    const recorded = readJsonFixture('anthropic-message.json') as { usage: Parameters<typeof toOpenAIUsage>[0] };

    expect(readUsage(toOpenAIUsage(recorded.usage))).toEqual({
      inputTokens: 21,
      cachedInputTokens: 2048,
      cacheWriteTokens: 1536,
      outputTokens: 31,
      reasoningTokens: 0,
      reported: true,
    });
  });

  it('maps Anthropic thinking tokens to reasoning tokens', () => {
    const usage = toOpenAIUsage({ input_tokens: 10, output_tokens: 500, output_tokens_details: { thinking_tokens: 420 } });

    expect(readUsage(usage)).toMatchObject({ outputTokens: 500, reasoningTokens: 420 });
  });

  it('says when no usage was reported', () => {
    for (const missing of [null, undefined]) {
      expect(readUsage(missing)).toEqual({ inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, reported: false });
    }
  });

  it("falls back to DeepSeek's prompt_cache_hit_tokens", () => {
    const usage = { prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 } as CompletionUsage;

    expect(readUsage(usage)).toMatchObject({ inputTokens: 36, cachedInputTokens: 64 });
  });

  it('never reports negative uncached input for inconsistent counts', () => {
    expect(readUsage({ prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, prompt_tokens_details: { cached_tokens: 50 } }).inputTokens).toBe(0);
  });
});
