import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** OpenAI's chat format costs about 3 tokens around every message and 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_TO_PRIME_REPLY = 3;

/**
 * Prompt tokens the way OpenAI counts chat messages (o200k encoding): every message's text plus a small
 * per-message overhead. Images and tool definitions are not counted.
 */
export function countPromptTokens(messages: readonly ChatCompletionMessageParam[]): number {
  return messages.reduce((total, message) => total + TOKENS_PER_MESSAGE + countTokens(messageText(message)), TOKENS_TO_PRIME_REPLY);
}

/** The text a model reads from one message: its text parts, and for assistant turns the tool calls it made. */
export function messageText(message: ChatCompletionMessageParam): string {
  const content = message.content;
  const parts: string[] = [];
  if (typeof content === 'string') parts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === 'text') parts.push(part.text);
      else if (part.type === 'refusal') parts.push(part.refusal);
    }
  }
  if (message.role === 'assistant') {
    for (const toolCall of message.tool_calls ?? []) {
      if (toolCall.type === 'function') parts.push(toolCall.function.name, toolCall.function.arguments);
    }
  }
  return parts.join('\n');
}
