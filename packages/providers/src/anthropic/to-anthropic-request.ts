import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError } from '@routewise/errors';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { toAnthropicConversation } from './to-anthropic-messages';
import { toAnthropicTools } from './to-anthropic-tools';

/**
 * Anthropic requires `max_tokens`; OpenAI does not. A request with neither `max_tokens` nor
 * `max_completion_tokens` gets this, enough for a long answer and within every current Claude model's limit.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * An OpenAI chat request as an Anthropic Messages request (without `stream`; the adapter sets it).
 * Not translated, on purpose: `response_format` (Anthropic has no JSON mode; the instruction in the prompt is all
 * the model gets), penalties, `seed`, `logprobs`, `logit_bias`, `reasoning_effort`. `temperature` passes as is:
 * Anthropic's range is 0–1, and its own error explains a value above 1.
 */
export function toAnthropicRequest(request: ChatCompletionCreateParams, upstreamModel: string): MessageCreateParamsNonStreaming {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new InvalidRequestError('Anthropic models return one choice per request; n must be 1.', 'n');
  }
  const { system, messages } = toAnthropicConversation(request.messages);
  const stop = request.stop ?? undefined;
  const userId = request.user ?? request.safety_identifier ?? undefined;
  return {
    model: upstreamModel,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages,
    ...(system === undefined ? {} : { system }),
    ...toAnthropicTools(request),
    ...(stop === undefined ? {} : { stop_sequences: typeof stop === 'string' ? [stop] : stop }),
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(userId === undefined || userId === '' ? {} : { metadata: { user_id: userId } }),
  };
}
