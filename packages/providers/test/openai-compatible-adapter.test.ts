import { startFakeOpenAIServer, type FakeOpenAIServer } from '@routewise/test-support';
import { OpenAICompatibleAdapter, PROVIDER_REGISTRY, type ProviderCallTarget } from '../src/index';
import { CONTRACT_API_KEY, runProviderAdapterContract, type ProviderAdapterHarness } from './provider-adapter-contract';

async function openAICompatibleHarness(target: Omit<ProviderCallTarget, 'baseURL' | 'apiKey'>): Promise<ProviderAdapterHarness> {
  const server = await startFakeOpenAIServer({ expectedApiKey: CONTRACT_API_KEY });
  return {
    adapter: new OpenAICompatibleAdapter(),
    server,
    target: { ...target, baseURL: server.url, apiKey: CONTRACT_API_KEY },
    baseUrlFor: (origin) => `${origin}/v1`,
    rateLimitBody: (message) => ({ error: { message, type: 'requests', param: null, code: 'rate_limit_exceeded' } }),
    close: () => server.close(),
  };
}

runProviderAdapterContract('OpenAI-compatible adapter, provider openai', () =>
  openAICompatibleHarness({ provider: 'openai', upstreamModel: 'gpt-4o-mini' }),
);

// Groq is registry data only: the same adapter, another base URL and model.
runProviderAdapterContract('OpenAI-compatible adapter, provider groq', () =>
  openAICompatibleHarness({ provider: 'groq', upstreamModel: 'llama-3.3-70b-versatile' }),
);

describe('OpenAICompatibleAdapter', () => {
  let server: FakeOpenAIServer;
  let target: ProviderCallTarget;
  const adapter = new OpenAICompatibleAdapter();
  const options = { timeoutMs: 5000 };

  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    target = { provider: 'openai', upstreamModel: 'gpt-4o-mini', baseURL: server.url, apiKey: CONTRACT_API_KEY };
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('speaks an OpenAI-compatible wire format for every registry provider that says so', () => {
    expect(adapter.wireFormat).toBe('openai');
    expect(PROVIDER_REGISTRY.groq.wireFormat).toBe(adapter.wireFormat);
  });

  it('forwards the request with the upstream model, the key as a bearer token, and without routewise options', async () => {
    const request = {
      model: 'auto',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      temperature: 0.2,
      routewise: { cascade: ['a', 'b'] },
    };

    await adapter.complete(request, target, options);

    const sent = server.lastRequest();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${CONTRACT_API_KEY}`);
    expect(sent.body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 });
  });

  it('asks for usage in streams, keeping other stream options', async () => {
    const chunks = [];
    const request = {
      model: 'auto',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      stream: true as const,
      stream_options: { include_obfuscation: false },
    };
    for await (const chunk of adapter.stream(request, target, options)) chunks.push(chunk);

    expect(server.lastRequest().body).toMatchObject({ stream: true, stream_options: { include_usage: true, include_obfuscation: false } });
    expect(chunks.at(-1)?.usage).toBeDefined();
  });

  it('does not retry a failed call', async () => {
    server.configure({ fault: { kind: 'http-error', status: 503 } });

    await expect(adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, target, options)).rejects.toMatchObject({ status: 503 });

    expect(server.requests).toHaveLength(1);
  });

  it('sends no Authorization secret for keyless self-hosted providers beyond a placeholder', async () => {
    await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, { ...target, provider: 'ollama', apiKey: '' }, options);

    expect(server.lastRequest().headers.authorization).toBe('Bearer no-key');
  });

  describe('recorded answers', () => {
    it('parses a recorded completion with cached and reasoning token details', async () => {
      server.configure({ replayFixture: 'openai-chat-completion-tool-calls.json' });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Weather?' }] }, target, options);

      expect(completion.id).toBe('chatcmpl-C3pYb1GhTnQ4sVxZ7cKeRw9LmA3fI');
      expect(completion.model).toBe('o4-mini-2025-04-16');
      expect(completion.choices[0]?.message.tool_calls?.[0]).toEqual({
        id: 'call_5QdVv0iZ1kTqS8nYpWm3JxHa',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      });
      expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(192);
    });

    it('keeps fields it does not know (passthrough)', async () => {
      server.configure({ replayFixture: 'openai-chat-completion.json' });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Capital?' }] }, target, options);

      expect(completion).toMatchObject({ service_tier: 'default', system_fingerprint: 'fp_560af6e559' });
      expect(completion.choices[0]?.message).toMatchObject({ annotations: [] });
    });

    it('fills fields a lenient compatible server leaves out', async () => {
      server.configure({
        fault: {
          kind: 'raw-response',
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ choices: [{ message: { content: 'Hi!' } }] }),
        },
      });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, target, options);

      expect(completion).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi!' } }],
      });
    });

    it('replays a recorded stream chunk by chunk', async () => {
      server.configure({ replayFixture: 'openai-chat-completion-stream.sse' });
      const chunks = [];

      for await (const chunk of adapter.stream({ model: 'auto', messages: [{ role: 'user', content: 'Capital?' }], stream: true }, target, options)) {
        chunks.push(chunk);
      }

      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('The capital of France is Paris.');
      expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 1337, prompt_tokens_details: { cached_tokens: 1152 } });
    });
  });
});
