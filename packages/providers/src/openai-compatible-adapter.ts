import { UpstreamError } from '@routewise/errors';
import { nodeHttpFetch } from './node-http-fetch';
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { BoundedClientCache } from './bounded-client-cache';
import { CallDeadline } from './call-deadline';
import { parseChatCompletion, parseChatCompletionChunk } from './chat-completion-schema';
import type { ProviderAdapter, ProviderCallOptions, ProviderCallTarget } from './provider-adapter';
import { toUpstreamError, type UpstreamCallContext } from './to-upstream-error';
import { withoutRoutewiseOptions } from './without-routewise-options';

export interface OpenAICompatibleAdapterOptions {
  /** SDK clients kept, one per (base URL, key); default 32. */
  clientCacheSize?: number;
}

/** Self-hosted servers (Ollama, vLLM) need no key, but the SDK refuses to start without one. */
const KEYLESS_PLACEHOLDER = 'no-key';

/**
 * Every OpenAI-compatible provider in the registry (OpenAI, Groq, DeepSeek, Mistral, Gemini's compatible
 * endpoint, Ollama...): the official `openai` client pointed at the target's base URL. A new provider is a
 * registry entry, not code.
 */
export class OpenAICompatibleAdapter implements ProviderAdapter {
  readonly wireFormat = 'openai' as const;
  private readonly clients: BoundedClientCache<OpenAI>;

  constructor(options: OpenAICompatibleAdapterOptions = {}) {
    this.clients = new BoundedClientCache(options.clientCacheSize ?? 32);
  }

  async complete(
    request: ChatCompletionCreateParamsNonStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): Promise<ChatCompletion> {
    const context = callContext(target, options);
    try {
      const body: unknown = await this.clientFor(target).chat.completions.create(
        { ...withoutRoutewiseOptions(request), model: target.upstreamModel },
        { signal: context.deadline.signal, timeout: options.timeoutMs, maxRetries: 0 },
      );
      return parseChatCompletion(body, defaultsFor(target));
    } catch (error) {
      throw toUpstreamError(error, context);
    } finally {
      context.deadline.dispose();
    }
  }

  /**
   * Asks for `stream_options.include_usage`, so the last chunk carries usage. `timeoutMs` bounds the wait for
   * the first event and every gap between events. A stream that ends without a finish reason throws.
   */
  async *stream(
    request: ChatCompletionCreateParamsStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): AsyncGenerator<ChatCompletionChunk> {
    const context = callContext(target, options);
    try {
      const events = await this.clientFor(target).chat.completions.create(
        {
          ...withoutRoutewiseOptions(request),
          model: target.upstreamModel,
          stream: true,
          stream_options: { ...request.stream_options, include_usage: true },
        },
        { signal: context.deadline.signal, timeout: options.timeoutMs, maxRetries: 0 },
      );
      let finished = false;
      for await (const event of events) {
        const chunk = parseChatCompletionChunk(event, defaultsFor(target));
        if (chunk.choices.some((choice) => choice.finish_reason !== null)) finished = true;
        context.deadline.pause();
        yield chunk;
        context.deadline.restart();
      }
      // The SDK ends the iteration quietly when its signal aborts; say why.
      if (context.deadline.timedOut || context.deadline.cancelledByCaller) throw toUpstreamError(null, context);
      if (!finished) throw new UpstreamError(target.provider, null, 'the stream ended before the answer was complete.');
    } catch (error) {
      throw toUpstreamError(error, context);
    } finally {
      context.deadline.dispose();
    }
  }

  private clientFor(target: ProviderCallTarget): OpenAI {
    return this.clients.getOrCreate(target.baseURL, target.apiKey, () =>
      new OpenAI({
        apiKey: target.apiKey === '' ? KEYLESS_PLACEHOLDER : target.apiKey,
        baseURL: target.baseURL,
        maxRetries: 0,
        logLevel: 'off',
        fetch: nodeHttpFetch,
        // Explicit nulls keep the SDK from reading OPENAI_ORG_ID & co. and sending them to other providers.
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
      }),
    );
  }
}

function callContext(target: ProviderCallTarget, options: ProviderCallOptions): UpstreamCallContext {
  return {
    provider: target.provider,
    apiKey: target.apiKey,
    deadline: new CallDeadline(options.timeoutMs, options.signal),
    sdkErrors: OpenAI,
  };
}

function defaultsFor(target: ProviderCallTarget) {
  return { provider: target.provider, model: target.upstreamModel, nowSeconds: Math.floor(Date.now() / 1000) };
}
