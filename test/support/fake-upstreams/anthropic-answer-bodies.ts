import type { FakeAnswer } from './fake-answer';
import type { FakeUsage } from './fake-upstream-behavior';
import { readJsonFixture } from './fixtures';
import { fragments, wordPieces } from './text-pieces';

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

/** A non-streamed Messages answer, built on the recorded fixture. */
export function anthropicMessageBody(answer: FakeAnswer, id: string): Record<string, unknown> {
  const recorded = readJsonFixture('anthropic-message.json') as Record<string, unknown>;
  return {
    ...recorded,
    id,
    model: answer.model,
    content: [
      ...(answer.text === '' ? [] : [{ type: 'text', text: answer.text }]),
      ...answer.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments })),
    ],
    stop_reason: STOP_REASONS[answer.finish],
    stop_sequence: null,
    usage: { ...anthropicInputUsage(answer.usage), output_tokens: answer.usage.outputTokens, service_tier: 'standard' },
  };
}

/**
 * The events of a streamed answer in Anthropic's real order: message_start, then per content block
 * content_block_start, deltas, content_block_stop (a ping after the first start), message_delta, message_stop.
 */
export function anthropicStreamEvents(answer: FakeAnswer, id: string): string[] {
  const events: Array<[string, unknown]> = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model: answer.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...anthropicInputUsage(answer.usage), output_tokens: 1, service_tier: 'standard' },
        },
      },
    ],
  ];
  let index = 0;
  const startBlock = (contentBlock: unknown) => {
    events.push(['content_block_start', { type: 'content_block_start', index, content_block: contentBlock }]);
    if (index === 0) events.push(['ping', { type: 'ping' }]);
  };
  const stopBlock = () => {
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    index += 1;
  };
  if (answer.text !== '') {
    startBlock({ type: 'text', text: '' });
    for (const piece of wordPieces(answer.text)) {
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }]);
    }
    stopBlock();
  }
  for (const call of answer.toolCalls) {
    startBlock({ type: 'tool_use', id: call.id, name: call.name, input: {} });
    for (const part of ['', ...fragments(JSON.stringify(call.arguments))]) {
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } }]);
    }
    stopBlock();
  }
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: STOP_REASONS[answer.finish], stop_sequence: null },
      usage: { output_tokens: answer.usage.outputTokens },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events.map(([name, data]) => anthropicEvent(name, data));
}

/** Anthropic's in-stream error event, as sent when the API is overloaded mid-answer. */
export function anthropicStreamErrorEvent(): string {
  return anthropicEvent('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
}

function anthropicEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function anthropicInputUsage(usage: FakeUsage) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
  };
}
