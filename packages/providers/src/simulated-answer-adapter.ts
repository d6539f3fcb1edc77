import { createHash } from 'node:crypto';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { countTextTokens } from '@routewise/tokens';
import { countPromptTokens, messageText } from './prompt-token-count';
import type { ProviderAdapter, ProviderCallOptions, ProviderCallTarget } from './provider-adapter';
import { simulatedAnswerText } from './simulated-answer-text';

const WORDS_PER_CHUNK = 4;

/**
 * Demo mode (no provider key configured at all): a clearly labeled, deterministic simulated answer with real
 * token counts, so routing, cost, feedback and retraining can be tried without a provider. Never does I/O.
 * Tools in the request are ignored: it answers in text and never invents tool calls.
 */
export class SimulatedAnswerAdapter implements ProviderAdapter {
  /** It answers in OpenAI format, like every adapter. */
  readonly wireFormat = 'openai' as const;

  /** `options` is unused: there is no I/O to time out or cancel. */
  async complete(
    request: ChatCompletionCreateParamsNonStreaming,
    target: ProviderCallTarget,
    _options?: ProviderCallOptions,
  ): Promise<ChatCompletion> {
    const answer = simulate(request, target);
    return {
      id: answer.id,
      object: 'chat.completion',
      created: answer.created,
      model: target.upstreamModel,
      system_fingerprint: 'routewise-demo-mode',
      choices: [
        {
          index: 0,
          finish_reason: answer.finishReason,
          logprobs: null,
          message: { role: 'assistant', content: answer.text, refusal: null },
        },
      ],
      usage: answer.usage,
    };
  }

  /** The same text as `complete`, a few words per chunk, then a finish chunk and a usage chunk. */
  async *stream(
    request: ChatCompletionCreateParamsStreaming,
    target: ProviderCallTarget,
    _options?: ProviderCallOptions,
  ): AsyncGenerator<ChatCompletionChunk> {
    const answer = simulate(request, target);
    const chunk = (choices: ChatCompletionChunk.Choice[], usage?: CompletionUsage): ChatCompletionChunk => ({
      id: answer.id,
      object: 'chat.completion.chunk',
      created: answer.created,
      model: target.upstreamModel,
      system_fingerprint: 'routewise-demo-mode',
      choices,
      ...(usage === undefined ? {} : { usage }),
    });
    yield chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]);
    for (const piece of wordGroups(answer.text)) {
      yield chunk([{ index: 0, delta: { content: piece }, finish_reason: null, logprobs: null }]);
    }
    yield chunk([{ index: 0, delta: {}, finish_reason: answer.finishReason, logprobs: null }]);
    yield chunk([], answer.usage);
  }
}

function simulate(request: ChatCompletionCreateParams, target: ProviderCallTarget) {
  const lastUserMessage = request.messages.findLast((message) => message.role === 'user');
  const promptText = lastUserMessage === undefined ? '' : messageText(lastUserMessage);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const { text, truncated } = simulatedAnswerText(target.upstreamModel, promptText, maxTokens);
  const promptTokens = countPromptTokens(request.messages);
  const completionTokens = countTextTokens(text).tokens;
  const usage: CompletionUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
  const digest = createHash('sha256').update(`${target.upstreamModel}\n${promptText}`).digest('hex');
  return {
    id: `chatcmpl-demo-${digest.slice(0, 24)}`,
    created: Math.floor(Date.now() / 1000),
    text,
    finishReason: truncated ? ('length' as const) : ('stop' as const),
    usage,
  };
}

/** Splits text into groups of a few words; joined back together they are exactly the text. */
function wordGroups(text: string): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const groups: string[] = [];
  for (let start = 0; start < words.length; start += WORDS_PER_CHUNK) {
    groups.push(words.slice(start, start + WORDS_PER_CHUNK).join(''));
  }
  const trailing = text.slice(groups.join('').length);
  if (trailing !== '') groups.push(trailing);
  return groups;
}
