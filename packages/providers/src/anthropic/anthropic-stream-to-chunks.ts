import { UpstreamError } from '@routewise/errors';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { statusForErrorType } from '../status-for-error-type';
import {
  ANTHROPIC_STREAM_EVENT_TYPES,
  anthropicStreamEventSchema,
  type AnthropicStreamEvent,
  type AnthropicUsage,
} from './anthropic-response-schema';
import { toOpenAIFinishReason } from './to-openai-finish-reason';
import { toOpenAIUsage } from './to-openai-usage';

export interface AnthropicStreamContext {
  provider: string;
  /** The model that was asked; every chunk carries it. */
  model: string;
  createdSeconds: number;
}

type Delta = ChatCompletionChunk.Choice.Delta;

/**
 * Anthropic stream events as OpenAI chunks: `message_start` gives the role chunk, text and `input_json_delta`
 * deltas become content and `tool_calls` deltas, `message_delta` the finish reason, and `message_stop` a last
 * chunk with `choices: []` and the whole usage (input and cache counts from the start, output from the end).
 * A stream that ends before `message_stop` throws: an answer cut short must not look complete.
 */
export async function* anthropicStreamToChunks(
  events: AsyncIterable<unknown>,
  context: AnthropicStreamContext,
): AsyncGenerator<ChatCompletionChunk> {
  let id = 'msg_unknown';
  let usage: AnthropicUsage = {};
  let stopped = false;
  const toolIndexByBlock = new Map<number, number>();
  const chunk = (choices: ChatCompletionChunk.Choice[], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: context.createdSeconds,
    model: context.model,
    choices,
    ...extra,
  });
  const deltaChunk = (delta: Delta, finishReason: ChatCompletionChunk.Choice['finish_reason'] = null) =>
    chunk([{ index: 0, delta, finish_reason: finishReason, logprobs: null }]);

  for await (const raw of events) {
    const event = parseEvent(raw, context.provider);
    if (event === undefined) continue;
    switch (event.type) {
      case 'message_start':
        id = event.message.id ?? id;
        usage = { ...event.message.usage };
        yield deltaChunk({ role: 'assistant', content: '' });
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'tool_use') {
          const toolIndex = toolIndexByBlock.size;
          toolIndexByBlock.set(event.index, toolIndex);
          yield deltaChunk({
            tool_calls: [{ index: toolIndex, id: block.id ?? `toolu_${toolIndex}`, type: 'function', function: { name: block.name ?? '', arguments: '' } }],
          });
        } else if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
          yield deltaChunk({ content: block.text });
        }
        break;
      }
      case 'content_block_delta': {
        const { delta } = event;
        if (delta.type === 'text_delta' && typeof delta.text === 'string') {
          yield deltaChunk({ content: delta.text });
        } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
          const toolIndex = toolIndexByBlock.get(event.index);
          if (toolIndex !== undefined && delta.partial_json !== '') {
            yield deltaChunk({ tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] });
          }
        }
        // thinking, signature and citation deltas have no OpenAI chat equivalent.
        break;
      }
      case 'message_delta':
        usage = mergeUsage(usage, event.usage);
        yield deltaChunk({}, toOpenAIFinishReason(event.delta?.stop_reason));
        break;
      case 'message_stop':
        stopped = true;
        yield chunk([], { usage: toOpenAIUsage(usage) });
        break;
      case 'error':
        throw new UpstreamError(
          context.provider,
          statusForErrorType(event.error?.type),
          event.error?.message ?? 'the provider reported an error inside the stream.',
        );
      case 'content_block_stop':
        break;
    }
  }
  if (!stopped) throw new UpstreamError(context.provider, null, 'the stream ended before the answer was complete.');
}

function parseEvent(raw: unknown, provider: string): AnthropicStreamEvent | undefined {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : undefined;
  if (typeof type !== 'string' || !ANTHROPIC_STREAM_EVENT_TYPES.has(type)) return undefined;
  const parsed = anthropicStreamEventSchema.safeParse(raw);
  if (!parsed.success) throw new UpstreamError(provider, null, `malformed response: an invalid '${type}' stream event.`);
  return parsed.data;
}

/** `message_delta` usage is cumulative; its non-null counts replace the ones from `message_start`. */
function mergeUsage(current: AnthropicUsage, update: AnthropicUsage | null | undefined): AnthropicUsage {
  if (update === null || update === undefined) return current;
  const merged: AnthropicUsage = { ...current };
  for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
    const value = update[key];
    if (typeof value === 'number') merged[key] = value;
  }
  if (update.output_tokens_details !== null && update.output_tokens_details !== undefined) {
    merged.output_tokens_details = update.output_tokens_details;
  }
  return merged;
}
