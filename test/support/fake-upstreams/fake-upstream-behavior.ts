import type { RecordedRequest } from './recorded-request';

/** Token counts a fake answer reports, in neutral terms; each server writes them in its provider's format. */
export interface FakeUsage {
  /** Input tokens not read from or written to a cache. */
  inputTokens: number;
  outputTokens: number;
  /** Cache reads: OpenAI `prompt_tokens_details.cached_tokens`, Anthropic `cache_read_input_tokens`. */
  cachedInputTokens: number;
  /** Cache writes: Anthropic `cache_creation_input_tokens`; the OpenAI server has no such field and ignores it. */
  cacheWriteTokens: number;
  /** OpenAI `completion_tokens_details.reasoning_tokens` (part of `outputTokens`); ignored by the Anthropic server. */
  reasoningTokens: number;
}

export interface FakeToolCall {
  /** Defaults to a realistic generated id (`call_...`, `toolu_...`). */
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** What goes wrong, on purpose. Faults stay until `configure({ fault: null })` or `reset()`. */
export type FakeUpstreamFault =
  /** An HTTP error with the provider's recorded error body for that status (or `body` when given). */
  | { kind: 'http-error'; status: number; body?: unknown }
  /** Accept the request and never answer: the client must give up. */
  | { kind: 'hang' }
  /** A 200 whose JSON (or one of whose stream events) is cut in the middle. */
  | { kind: 'malformed-json' }
  /** Exactly this response, whatever was asked. */
  | { kind: 'raw-response'; status: number; contentType: string; body: string }
  /** Send `afterEvents` stream events, then destroy the socket (or, with `cleanly`, end the body normally). */
  | { kind: 'truncate-stream'; afterEvents: number; cleanly?: boolean }
  /** Send `afterEvents` stream events, then the provider's in-stream error event. */
  | { kind: 'stream-error'; afterEvents: number };

export interface FakeUpstreamBehavior {
  /** The answer text, or a function of the request (e.g. to echo which model was asked). */
  content: string | ((request: RecordedRequest) => string);
  usage: FakeUsage;
  /** Tool calls in the answer, after any text. */
  toolCalls: FakeToolCall[];
  /** `length` answers as if `max_tokens` cut it short; by default `tool_calls` when there are tool calls, else `stop`. */
  finishReason: 'stop' | 'length' | null;
  /** The `model` in the answer; null echoes the requested model. */
  answerModel: string | null;
  /** Milliseconds before the response headers. */
  latencyMs: number;
  /** Milliseconds before each stream event. */
  chunkDelayMs: number;
  fault: FakeUpstreamFault | null;
  /** When set, any other key gets the provider's 401. */
  expectedApiKey: string | null;
  /** Put the whole received key in 401 messages (as some proxies do) to prove adapters redact it. */
  echoApiKeyInErrors: boolean;
  /** Replay a recorded fixture verbatim: a `.sse` file as an event stream, a `.json` file as a 200 body. */
  replayFixture: string | null;
}

/** Options a test passes: any subset, with `usage` merged field by field. */
export type FakeUpstreamOptions = Partial<Omit<FakeUpstreamBehavior, 'usage'>> & { usage?: Partial<FakeUsage> };

export const DEFAULT_FAKE_USAGE: FakeUsage = {
  inputTokens: 23,
  outputTokens: 17,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

export const DEFAULT_FAKE_BEHAVIOR: FakeUpstreamBehavior = {
  content: 'Hello! The capital of France is Paris.',
  usage: DEFAULT_FAKE_USAGE,
  toolCalls: [],
  finishReason: null,
  answerModel: null,
  latencyMs: 0,
  chunkDelayMs: 0,
  fault: null,
  expectedApiKey: null,
  echoApiKeyInErrors: false,
  replayFixture: null,
};

/** Applies options over a behavior; `usage` is merged, everything else replaced. */
export function applyFakeUpstreamOptions(current: FakeUpstreamBehavior, options: FakeUpstreamOptions): FakeUpstreamBehavior {
  const { usage, ...rest } = options;
  return { ...current, ...rest, usage: { ...current.usage, ...usage } };
}

export function answerContent(behavior: FakeUpstreamBehavior, request: RecordedRequest): string {
  return typeof behavior.content === 'function' ? behavior.content(request) : behavior.content;
}
