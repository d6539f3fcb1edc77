import { fakeId, HEX } from './fake-ids';
import type { FakeAnswer } from './fake-answer';
import type { FakeUsage } from './fake-upstream-behavior';
import { readJsonFixture } from './fixtures';
import { fragments, wordPieces } from './text-pieces';

/** A non-streamed chat completion, built on the recorded fixture so every field OpenAI sends is there. */
export function openAICompletionBody(answer: FakeAnswer, id: string, created: number): Record<string, unknown> {
  const recorded = readJsonFixture('openai-chat-completion.json') as Record<string, unknown>;
  return {
    ...recorded,
    id,
    created,
    model: answer.model,
    system_fingerprint: fakeId('fp_', 10, HEX),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.text === '' && answer.toolCalls.length > 0 ? null : answer.text,
          ...(answer.toolCalls.length > 0
            ? {
                tool_calls: answer.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: JSON.stringify(call.arguments) },
                })),
              }
            : {}),
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: answer.finish,
      },
    ],
    usage: openAIUsage(answer.usage),
  };
}

/** The `data: ...` events of a streamed answer, ending with `data: [DONE]`, as OpenAI sends them. */
export function openAIStreamEvents(answer: FakeAnswer, id: string, created: number, includeUsage: boolean): string[] {
  const fingerprint = fakeId('fp_', 10, HEX);
  const chunk = (choices: unknown[], usage: unknown = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: answer.model,
    service_tier: 'default',
    system_fingerprint: fingerprint,
    choices,
    ...(includeUsage ? { usage } : {}),
  });
  const delta = (content: Record<string, unknown>, finishReason: string | null = null) =>
    chunk([{ index: 0, delta: content, logprobs: null, finish_reason: finishReason }]);

  const chunks: unknown[] = [delta({ role: 'assistant', content: '', refusal: null })];
  for (const piece of wordPieces(answer.text)) chunks.push(delta({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const part of fragments(JSON.stringify(call.arguments))) {
      chunks.push(delta({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  });
  chunks.push(delta({}, answer.finish));
  if (includeUsage) chunks.push(chunk([], openAIUsage(answer.usage)));
  return [...chunks.map((body) => `data: ${JSON.stringify(body)}\n\n`), 'data: [DONE]\n\n'];
}

/** OpenAI's in-stream error: a data event whose JSON has `error` (the SDK throws on it). */
export function openAIStreamErrorEvent(): string {
  const error = { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null };
  return `data: ${JSON.stringify({ error })}\n\n`;
}

function openAIUsage(usage: FakeUsage): Record<string, unknown> {
  const promptTokens = usage.inputTokens + usage.cachedInputTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
