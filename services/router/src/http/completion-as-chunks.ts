import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';

/** A finished answer as the chunks a stream would have carried: the role, the content, then the finish reason. */
export function completionAsChunks(completion: ChatCompletion): ChatCompletionChunk[] {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  return completion.choices.flatMap((choice) => [
    { ...base, choices: [{ index: choice.index, delta: { role: 'assistant' as const, content: '' }, finish_reason: null, logprobs: null }] },
    {
      ...base,
      choices: [
        {
          index: choice.index,
          delta: {
            content: choice.message.content ?? '',
            ...(choice.message.tool_calls
              ? { tool_calls: choice.message.tool_calls.map((call, position) => ({ index: position, ...(call as object) })) as ChatCompletionChunk.Choice.Delta['tool_calls'] }
              : {}),
          },
          finish_reason: null,
          logprobs: null,
        },
      ],
    },
    { ...base, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason, logprobs: null }] },
  ]);
}
