import { UpstreamError } from '@routewise/errors';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { z } from 'zod';

// Lenient on purpose: what providers send back varies (missing ids, extra fields such as Groq's `x_groq`),
// so everything is `nullish`, unknown fields pass through, and only the shape we depend on is required.

const usageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

const chatCompletionBodySchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      finish_reason: z.string().nullish(),
      message: z.looseObject({
        role: z.string().nullish(),
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
      }),
    }),
  ),
  usage: usageSchema.nullish(),
});

const chatCompletionChunkBodySchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      finish_reason: z.string().nullish(),
      delta: z
        .looseObject({
          role: z.string().nullish(),
          content: z.string().nullish(),
          tool_calls: z.array(toolCallSchema.extend({ index: z.number().nullish() })).nullish(),
        })
        .nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
});

/** Fallbacks for the fields OpenAI always sends and some compatible servers leave out. */
export interface ChatCompletionDefaults {
  provider: string;
  model: string;
  nowSeconds: number;
}

/** Validates a provider's non-streamed answer; a body that is not a chat completion is a 502. */
export function parseChatCompletion(body: unknown, defaults: ChatCompletionDefaults): ChatCompletion {
  const parsed = chatCompletionBodySchema.safeParse(body);
  if (!parsed.success) throw malformed(defaults.provider, 'a chat completion', parsed.error);
  const completion = parsed.data;
  const normalized = {
    ...completion,
    id: completion.id ?? 'chatcmpl-unknown',
    object: 'chat.completion',
    created: completion.created ?? defaults.nowSeconds,
    model: completion.model ?? defaults.model,
    choices: completion.choices.map((choice, position) => ({
      ...choice,
      index: choice.index ?? position,
      finish_reason: choice.finish_reason ?? 'stop',
      logprobs: choice.logprobs ?? null,
      message: { ...choice.message, role: 'assistant', content: choice.message.content ?? null, refusal: choice.message.refusal ?? null },
    })),
  };
  // The one wrapped boundary: validated upstream JSON becomes the SDK's type.
  return normalized as unknown as ChatCompletion;
}

/** Validates one streamed chunk. */
export function parseChatCompletionChunk(body: unknown, defaults: ChatCompletionDefaults): ChatCompletionChunk {
  const parsed = chatCompletionChunkBodySchema.safeParse(body);
  if (!parsed.success) throw malformed(defaults.provider, 'a chat completion chunk', parsed.error);
  const chunk = parsed.data;
  const normalized = {
    ...chunk,
    id: chunk.id ?? 'chatcmpl-unknown',
    object: 'chat.completion.chunk',
    created: chunk.created ?? defaults.nowSeconds,
    model: chunk.model ?? defaults.model,
    choices: chunk.choices.map((choice, position) => ({
      ...choice,
      index: choice.index ?? position,
      finish_reason: choice.finish_reason ?? null,
      delta: choice.delta ?? {},
    })),
  };
  return normalized as unknown as ChatCompletionChunk;
}

function malformed(provider: string, expected: string, error: z.ZodError): UpstreamError {
  const firstIssue = error.issues[0];
  const where = firstIssue === undefined || firstIssue.path.length === 0 ? '' : ` at ${firstIssue.path.join('.')}`;
  return new UpstreamError(provider, null, `malformed response: the provider did not send ${expected}${where}.`);
}
