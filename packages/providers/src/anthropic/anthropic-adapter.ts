import { nodeHttpFetch } from '../node-http-fetch';
import Anthropic from '@anthropic-ai/sdk';
import { UpstreamError } from '@routewise/errors';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { BoundedClientCache } from '../bounded-client-cache';
import { CallDeadline } from '../call-deadline';
import type { ProviderAdapter, ProviderCallOptions, ProviderCallTarget } from '../provider-adapter';
import { toUpstreamError, type UpstreamCallContext } from '../to-upstream-error';
import { anthropicMessageSchema } from './anthropic-response-schema';
import { anthropicStreamToChunks } from './anthropic-stream-to-chunks';
import { fromAnthropicMessage } from './from-anthropic-message';
import { toAnthropicRequest } from './to-anthropic-request';

export interface AnthropicAdapterOptions {
  /** SDK clients kept, one per (base URL, key); default 32. */
  clientCacheSize?: number;
}

/**
 * Anthropic Messages through the official `@anthropic-ai/sdk`, translated from and to OpenAI chat both ways.
 * Timeouts and errors behave as in the OpenAI-compatible adapter.
 */
export class AnthropicAdapter implements ProviderAdapter {
  readonly wireFormat = 'anthropic' as const;
  private readonly clients: BoundedClientCache<Anthropic>;

  constructor(options: AnthropicAdapterOptions = {}) {
    this.clients = new BoundedClientCache(options.clientCacheSize ?? 32);
  }

  async complete(
    request: ChatCompletionCreateParamsNonStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): Promise<ChatCompletion> {
    const params = toAnthropicRequest(request, target.upstreamModel);
    const context = callContext(target, options);
    try {
      const body: unknown = await this.clientFor(target).messages.create(params, {
        signal: context.deadline.signal,
        timeout: options.timeoutMs,
        maxRetries: 0,
      });
      const parsed = anthropicMessageSchema.safeParse(body);
      if (!parsed.success) {
        throw new UpstreamError(target.provider, null, 'malformed response: the provider did not send an Anthropic message.');
      }
      return fromAnthropicMessage(parsed.data, target.upstreamModel, nowSeconds());
    } catch (error) {
      throw toUpstreamError(error, context);
    } finally {
      context.deadline.dispose();
    }
  }

  /** `timeoutMs` bounds the wait for the first chunk and every gap between chunks. */
  async *stream(
    request: ChatCompletionCreateParamsStreaming,
    target: ProviderCallTarget,
    options: ProviderCallOptions,
  ): AsyncGenerator<ChatCompletionChunk> {
    const params = toAnthropicRequest(request, target.upstreamModel);
    const context = callContext(target, options);
    try {
      const events = await this.clientFor(target).messages.create(
        { ...params, stream: true },
        { signal: context.deadline.signal, timeout: options.timeoutMs, maxRetries: 0 },
      );
      const chunks = anthropicStreamToChunks(events, {
        provider: target.provider,
        model: target.upstreamModel,
        createdSeconds: nowSeconds(),
      });
      for await (const chunk of chunks) {
        context.deadline.pause();
        yield chunk;
        context.deadline.restart();
      }
      // The SDK ends the iteration quietly when its signal aborts; say why.
      if (context.deadline.timedOut || context.deadline.cancelledByCaller) throw toUpstreamError(null, context);
    } catch (error) {
      throw toUpstreamError(error, context);
    } finally {
      context.deadline.dispose();
    }
  }

  private clientFor(target: ProviderCallTarget): Anthropic {
    return this.clients.getOrCreate(target.baseURL, target.apiKey, () =>
      new Anthropic({ apiKey: target.apiKey, baseURL: target.baseURL, maxRetries: 0, logLevel: 'off', fetch: nodeHttpFetch }),
    );
  }
}

function callContext(target: ProviderCallTarget, options: ProviderCallOptions): UpstreamCallContext {
  return {
    provider: target.provider,
    apiKey: target.apiKey,
    deadline: new CallDeadline(options.timeoutMs, options.signal),
    sdkErrors: Anthropic,
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
