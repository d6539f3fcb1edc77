import type { TaskLabel } from '@routewise/taxonomy';

/** What the rules and constraints may look at, computed once per request by the features and classify stages. */
export interface RoutingFacts {
  /**
   * Prompt size counted with a real tokenizer (all messages, tool definitions included): exact for requests up to a
   * few thousand characters, estimated from a bounded sample beyond that (a few percent off; @routewise/tokens).
   */
  promptTokens: number;
  /** max_tokens / max_completion_tokens from the request, or the configured default. */
  requestedOutputTokens: number;
  task: TaskLabel;
  userTier: string | null;
  latency: 'low' | 'normal';
  tools: boolean;
  images: boolean;
  /**
   * The text rules' `prompt` conditions search, bounded so that matching costs the same for any request: each
   * message's first 8,000 and last 2,000 characters, at most 64,000 in all (the first and last 32,000). A keyword
   * only in the middle of a very long message or conversation is not seen.
   */
  promptText: string;
}
