import type { ChatCompletion, ChatCompletionCreateParams, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import type { CheckContext } from '../src/index';

export interface AnswerShape {
  content?: string | null;
  finishReason?: ChatCompletion.Choice['finish_reason'];
  refusal?: string | null;
  toolCalls?: ChatCompletionMessageToolCall[];
}

/** A complete answer as the OpenAI API returns it, with one choice. */
export function answerWith(shape: AnswerShape = {}): ChatCompletion {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        finish_reason: shape.finishReason ?? (shape.toolCalls === undefined ? 'stop' : 'tool_calls'),
        logprobs: null,
        message: {
          role: 'assistant',
          content: shape.content === undefined ? 'The capital of France is Paris.' : shape.content,
          refusal: shape.refusal ?? null,
          ...(shape.toolCalls === undefined ? {} : { tool_calls: shape.toolCalls }),
        },
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
  };
}

export const WEATHER_TOOL_CALL: ChatCompletionMessageToolCall = {
  id: 'call_abc123',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
};

export function requestWith(overrides: Partial<ChatCompletionCreateParams> = {}): ChatCompletionCreateParams {
  return { model: 'auto', messages: [{ role: 'user', content: 'What is the capital of France?' }], ...overrides } as ChatCompletionCreateParams;
}

export function contextWith(answer: AnswerShape = {}, request: Partial<ChatCompletionCreateParams> = {}): CheckContext {
  return { request: requestWith(request), answer: answerWith(answer) };
}

/** Markdown with one fenced block. */
export function fenced(language: string, code: string): string {
  return `Here you go:\n\n\`\`\`${language}\n${code}\n\`\`\`\n`;
}
