import type { ChatCompletion } from 'openai/resources/chat/completions';

export type OpenAIFinishReason = ChatCompletion.Choice['finish_reason'];

/** Anthropic's `stop_reason` as OpenAI's `finish_reason`; unknown or missing reasons read as a normal stop. */
export function toOpenAIFinishReason(stopReason: string | null | undefined): OpenAIFinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn
      return 'stop';
  }
}
