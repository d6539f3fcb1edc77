import { AnthropicAdapter } from './anthropic/anthropic-adapter';
import { OpenAICompatibleAdapter } from './openai-compatible-adapter';
import type { ProviderAdapter, WireFormat } from './provider-adapter';

/** One adapter per wire format; the registry says which format a provider speaks. */
export type ProviderAdapters = Readonly<Record<WireFormat, ProviderAdapter>>;

export interface ProviderAdaptersOptions {
  /** SDK clients each adapter keeps, one per (base URL, key); default 32. */
  clientCacheSize?: number;
}

/** The real adapters, keyed by wire format: `adapters[PROVIDER_REGISTRY[provider].wireFormat]`. */
export function createProviderAdapters(options: ProviderAdaptersOptions = {}): ProviderAdapters {
  return Object.freeze({
    openai: new OpenAICompatibleAdapter(options),
    anthropic: new AnthropicAdapter(options),
  });
}
