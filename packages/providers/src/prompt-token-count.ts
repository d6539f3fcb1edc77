import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { countTokensWithinBudget } from '@routewise/tokens';

/** OpenAI's chat format costs about 3 tokens around every message and 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_TO_PRIME_REPLY = 3;

/**
 * Prompt tokens the way OpenAI counts chat messages (o200k encoding): every message's text plus a small
 * per-message overhead. Images and tool definitions are not counted. Counted within @routewise/tokens' budget:
 * exact for prompts up to a few thousand characters, estimated from a sample beyond that.
 */
export function countPromptTokens(messages: readonly ChatCompletionMessageParam[]): number {
  const texts = countTokensWithinBudget(messages.map(messageText)).tokens;
  return TOKENS_TO_PRIME_REPLY + messages.length * TOKENS_PER_MESSAGE + texts;
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
