import { textOf } from '@routewise/classifier';
import { countTokensWithinBudget } from '@routewise/tokens';
import type { ChatRequest } from './chat-request-schema';

export interface RequestFeatures {
  /**
   * Whole prompt in tokens (o200k tokenizer): message text, per-message overhead, tool definitions, images. Counted
   * within a fixed budget (@routewise/tokens): exact for requests up to a few thousand characters, estimated from a
   * sample beyond that (a few percent off; see packages/tokens/README.md).
   */
  promptTokens: number;
  /** False when promptTokens was estimated from a sample of a long request. */
  promptTokensExact: boolean;
  /** Output the caller allows (max_completion_tokens / max_tokens), or the configured default. */
  requestedOutputTokens: number;
  /** Whether the caller set a limit; unlimited requests are checked against the default. */
  outputLimitGiven: boolean;
  tools: boolean;
  images: boolean;
  conversationTurns: number;
  /**
   * The messages' text for rules that match keywords or patterns, bounded so that rules cost the same for any
   * request: each message gives its first 8,000 and last 2,000 characters (joined by a line break when it is longer),
   * and when all of that passes 64,000 characters, its first and last 32,000 are kept (the system prompt and the
   * latest turns). A keyword only in the middle of a very long message is not seen.
   */
  promptText: string;
}

/** OpenAI's chat format adds about three tokens per message and three to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_FOR_REPLY = 3;
/** A high-detail image costs 85 + 170 per 512-px tile; 765 is a 1024×1024 image, a fair middle. */
const TOKENS_PER_IMAGE = 765;

const MESSAGE_HEAD_CHARACTERS = 8_000;
const MESSAGE_TAIL_CHARACTERS = 2_000;
const PROMPT_TEXT_CHARACTERS = 64_000;

/** Stage 2: facts about the request that rules and the context-window check need. */
export function extractFeatures(request: ChatRequest, defaultOutputTokens: number): RequestFeatures {
  let overheadTokens = TOKENS_FOR_REPLY + request.messages.length * TOKENS_PER_MESSAGE;
  let images = false;
  const messageTexts: string[] = [];
  const countedTexts: string[] = [];
  for (const message of request.messages) {
    const text = textOf(message.content);
    messageTexts.push(text);
    countedTexts.push(text);
    if (Array.isArray(message.content)) {
      const imageCount = message.content.filter((part) => part.type === 'image_url').length;
      overheadTokens += imageCount * TOKENS_PER_IMAGE;
      images ||= imageCount > 0;
    }
    if (message.role === 'assistant' && message.tool_calls) countedTexts.push(JSON.stringify(message.tool_calls));
  }
  const tools = (request.tools?.length ?? 0) > 0;
  if (tools) countedTexts.push(JSON.stringify(request.tools));
  const counted = countTokensWithinBudget(countedTexts);
  const limit = request.max_completion_tokens ?? request.max_tokens ?? null;
  return {
    promptTokens: overheadTokens + counted.tokens,
    promptTokensExact: counted.exact,
    requestedOutputTokens: limit ?? defaultOutputTokens,
    outputLimitGiven: limit !== null,
    tools,
    images,
    conversationTurns: request.messages.filter((message) => message.role === 'user').length,
    promptText: boundedPromptText(messageTexts),
  };
}

/** See RequestFeatures.promptText. Never joins more than the kept parts, whatever the number of messages. */
function boundedPromptText(texts: readonly string[]): string {
  const excerpts = texts.map((text) =>
    text.length <= MESSAGE_HEAD_CHARACTERS + MESSAGE_TAIL_CHARACTERS ? text : `${text.slice(0, MESSAGE_HEAD_CHARACTERS)}\n${text.slice(-MESSAGE_TAIL_CHARACTERS)}`,
  );
  const total = excerpts.reduce((sum, excerpt) => sum + excerpt.length + 1, -1);
  if (total <= PROMPT_TEXT_CHARACTERS) return excerpts.join('\n');
  const half = PROMPT_TEXT_CHARACTERS / 2;
  return `${excerptsUntil(excerpts, half, 'first').join('\n').slice(0, half)}\n${excerptsUntil(excerpts, half, 'last').join('\n').slice(-half)}`;
}

/** The first (or last) excerpts, in their order, until together they reach `characters`. */
function excerptsUntil(excerpts: readonly string[], characters: number, end: 'first' | 'last'): string[] {
  const taken: string[] = [];
  for (let step = 0, length = 0; step < excerpts.length && length < characters; step++) {
    const excerpt = excerpts[end === 'first' ? step : excerpts.length - 1 - step]!;
    taken.push(excerpt);
    length += excerpt.length + 1;
  }
  return end === 'first' ? taken : taken.reverse();
}
