import { countTokens } from 'gpt-tokenizer';
import { textOf } from '@routewise/classifier';
import type { ChatRequest } from './chat-request-schema';

export interface RequestFeatures {
  /** Whole prompt in tokens (o200k tokenizer): message text, per-message overhead, tool definitions, images. */
  promptTokens: number;
  /** Output the caller allows (max_completion_tokens / max_tokens), or the configured default. */
  requestedOutputTokens: number;
  /** Whether the caller set a limit; unlimited requests are checked against the default. */
  outputLimitGiven: boolean;
  tools: boolean;
  images: boolean;
  conversationTurns: number;
  /** Every message's text, for rules that match keywords. */
  promptText: string;
}

/** OpenAI's chat format adds about three tokens per message and three to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_FOR_REPLY = 3;
/** A high-detail image costs 85 + 170 per 512-px tile; 765 is a 1024×1024 image, a fair middle. */
const TOKENS_PER_IMAGE = 765;

/** Stage 2: facts about the request that rules and the context-window check need. */
export function extractFeatures(request: ChatRequest, defaultOutputTokens: number): RequestFeatures {
  let promptTokens = TOKENS_FOR_REPLY;
  let images = false;
  const texts: string[] = [];
  for (const message of request.messages) {
    const text = textOf(message.content);
    texts.push(text);
    promptTokens += TOKENS_PER_MESSAGE + (text ? countTokens(text) : 0);
    if (Array.isArray(message.content)) {
      const imageCount = message.content.filter((part) => part.type === 'image_url').length;
      promptTokens += imageCount * TOKENS_PER_IMAGE;
      images ||= imageCount > 0;
    }
    if (message.role === 'assistant' && message.tool_calls) promptTokens += countTokens(JSON.stringify(message.tool_calls));
  }
  const tools = (request.tools?.length ?? 0) > 0;
  if (tools) promptTokens += countTokens(JSON.stringify(request.tools));
  const limit = request.max_completion_tokens ?? request.max_tokens ?? null;
  return {
    promptTokens,
    requestedOutputTokens: limit ?? defaultOutputTokens,
    outputLimitGiven: limit !== null,
    tools,
    images,
    conversationTurns: request.messages.filter((message) => message.role === 'user').length,
    promptText: texts.join('\n'),
  };
}
