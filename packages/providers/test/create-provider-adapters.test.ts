import { AnthropicAdapter, createProviderAdapters, OpenAICompatibleAdapter, PROVIDER_IDS, PROVIDER_REGISTRY } from '../src/index';

describe('createProviderAdapters', () => {
  it('has one adapter per wire format, each reporting its own format', () => {
    const adapters = createProviderAdapters();

    expect(adapters.openai).toBeInstanceOf(OpenAICompatibleAdapter);
    expect(adapters.anthropic).toBeInstanceOf(AnthropicAdapter);
    expect(adapters.openai.wireFormat).toBe('openai');
    expect(adapters.anthropic.wireFormat).toBe('anthropic');
  });

  it('covers every provider in the registry', () => {
    const adapters = createProviderAdapters();

    for (const provider of PROVIDER_IDS) {
      expect(adapters[PROVIDER_REGISTRY[provider].wireFormat].wireFormat).toBe(PROVIDER_REGISTRY[provider].wireFormat);
    }
  });
});
