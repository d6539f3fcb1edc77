import type { ChatCompletion, ChatCompletionMessageFunctionToolCall } from 'openai/resources/chat/completions';
import type { AnthropicMessage } from './anthropic-response-schema';
import { toOpenAIFinishReason } from './to-openai-finish-reason';
import { toOpenAIUsage } from './to-openai-usage';

/**
 * An Anthropic answer as an OpenAI chat completion: text blocks joined into `content`, `tool_use` blocks as
 * `tool_calls` with JSON-string arguments. Thinking blocks are not passed on. `model` is the model that was asked.
 */
export function fromAnthropicMessage(message: AnthropicMessage, model: string, createdSeconds: number): ChatCompletion {
  const text = message.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
  const toolCalls = message.content
    .filter((block) => block.type === 'tool_use')
    .map(
      (block, index): ChatCompletionMessageFunctionToolCall => ({
        id: block.id ?? `toolu_${index}`,
        type: 'function',
        function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
      }),
    );
  return {
    id: message.id ?? 'msg_unknown',
    object: 'chat.completion',
    created: createdSeconds,
    model,
    choices: [
      {
        index: 0,
        finish_reason: toOpenAIFinishReason(message.stop_reason),
        logprobs: null,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
      },
    ],
    usage: toOpenAIUsage(message.usage),
  };
}
