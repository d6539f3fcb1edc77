import type { TaskLabel } from '@routewise/taxonomy';

/** What the rules and constraints may look at, computed once per request by the features and classify stages. */
export interface RoutingFacts {
  /** Prompt size counted with a real tokenizer (all messages, tool definitions included). */
  promptTokens: number;
  /** max_tokens / max_completion_tokens from the request, or the configured default. */
  requestedOutputTokens: number;
  task: TaskLabel;
  userTier: string | null;
  latency: 'low' | 'normal';
  tools: boolean;
  images: boolean;
  /** The text rules' `prompt` conditions search: every message's text content. */
  promptText: string;
}
