import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { ProviderId } from './provider-registry';

/** Where one call goes: resolved by the router from the catalog, the environment and BYOK headers. */
export interface ProviderCallTarget {
  provider: ProviderId;
  /** The model id the provider knows, e.g. `claude-sonnet-4-6` or `llama-3.3-70b-versatile`. */
  upstreamModel: string;
  baseURL: string;
  /** Never logged, traced, stored or echoed in errors. */
  apiKey: string;
}

export interface ProviderCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * One wire format. Requests and answers are OpenAI Chat Completions objects whatever the provider speaks;
 * the adapter translates. Failures are thrown as UpstreamError / UpstreamTimeoutError from @routewise/errors.
 */
export interface ProviderAdapter {
  readonly wireFormat: WireFormat;
  complete(
    request: ChatCompletionCreateParamsNonStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): Promise<ChatCompletion>;
  /** Yields OpenAI chunks; the last one carries `usage` (the adapter asks the provider for it). */
  stream(
    request: ChatCompletionCreateParamsStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): AsyncIterable<ChatCompletionChunk>;
}

export type WireFormat = 'openai' | 'anthropic';
