import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '@routewise/test-support';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { AnthropicAdapter, DEFAULT_ANTHROPIC_MAX_TOKENS, readUsage, type ProviderCallTarget } from '../src/index';
import { CONTRACT_API_KEY, runProviderAdapterContract } from './provider-adapter-contract';

runProviderAdapterContract('Anthropic adapter', async () => {
  const server = await startFakeAnthropicServer({ expectedApiKey: CONTRACT_API_KEY });
  return {
    adapter: new AnthropicAdapter(),
    server,
    target: { provider: 'anthropic', upstreamModel: 'claude-haiku-4-5', baseURL: server.url, apiKey: CONTRACT_API_KEY },
    baseUrlFor: (origin) => origin,
    rateLimitBody: (message) => ({ type: 'error', error: { type: 'rate_limit_error', message } }),
    close: () => server.close(),
  };
});

describe('AnthropicAdapter', () => {
  let server: FakeAnthropicServer;
  let target: ProviderCallTarget;
  const adapter = new AnthropicAdapter();
  const options = { timeoutMs: 5000 };
  const sentBody = () => server.lastRequest().body as MessageCreateParams;
  const collect = async (iterable: AsyncIterable<ChatCompletionChunk>) => {
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of iterable) chunks.push(chunk);
    return chunks;
  };

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    target = { provider: 'anthropic', upstreamModel: 'claude-sonnet-4-6', baseURL: server.url, apiKey: CONTRACT_API_KEY };
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('the request it sends', () => {
    const send = (request: Omit<ChatCompletionCreateParamsNonStreaming, 'model'>) => adapter.complete({ model: 'auto', ...request }, target, options);

    it('posts to /v1/messages with the key, the API version and the upstream model', async () => {
      await send({ messages: [{ role: 'user', content: 'Hi' }] });

      const sent = server.lastRequest();
      expect(sent.path).toBe('/v1/messages');
      expect(sent.headers['anthropic-version']).toEqual(expect.any(String));
      expect(`${sent.headers['x-api-key'] ?? ''}${sent.headers.authorization ?? ''}`).toContain(CONTRACT_API_KEY);
      expect(sentBody()).toMatchObject({ model: 'claude-sonnet-4-6' });
      expect(sentBody()).not.toHaveProperty('stream', true);
    });

    it('joins system and developer messages into the system parameter', async () => {
      await send({
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
          { role: 'user', content: 'Hi' },
        ],
      });

      expect(sentBody().system).toBe('You are a helpful assistant.\n\nAnswer in French.');
      expect(sentBody().messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    });

    it('merges consecutive turns of one role', async () => {
      await send({
        messages: [
          { role: 'user', content: 'First question.' },
          { role: 'user', content: 'Second question.' },
          { role: 'assistant', content: 'An answer.' },
          { role: 'assistant', content: 'More answer.' },
          { role: 'user', content: 'Thanks.' },
        ],
      });

      expect(sentBody().messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'First question.' }, { type: 'text', text: 'Second question.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'An answer.' }, { type: 'text', text: 'More answer.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
      ]);
    });

    it('sends assistant tool calls as tool_use blocks and tool messages as tool_result blocks in one user turn', async () => {
      await send({
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: 'Checking both.',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24°C' }] },
          { role: 'user', content: 'Which is warmer?' },
        ],
      });

      expect(sentBody().messages.slice(1)).toEqual([
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: '18°C' },
            { type: 'tool_result', tool_use_id: 'call_2', content: '24°C' },
            { type: 'text', text: 'Which is warmer?' },
          ],
        },
      ]);
    });

    it('sends data URL images as base64 sources and http URLs as url sources', async () => {
      await send({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare these.' },
              { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
            ],
          },
        ],
      });

      expect(sentBody().messages[0]?.content).toEqual([
        { type: 'text', text: 'Compare these.' },
        { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
      ]);
    });

    it(`defaults max_tokens to ${DEFAULT_ANTHROPIC_MAX_TOKENS}, and prefers max_completion_tokens over max_tokens`, async () => {
      await send({ messages: [{ role: 'user', content: 'Hi' }] });
      expect(sentBody().max_tokens).toBe(DEFAULT_ANTHROPIC_MAX_TOKENS);

      await send({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 100 });
      expect(sentBody().max_tokens).toBe(100);

      await send({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 100, max_completion_tokens: 50 });
      expect(sentBody().max_tokens).toBe(50);
    });

    it('sends stop as stop_sequences, sampling parameters, the user id, tools and tool_choice', async () => {
      await send({
        messages: [{ role: 'user', content: 'Hi' }],
        stop: 'END',
        temperature: 0.3,
        top_p: 0.9,
        user: 'user-42',
        response_format: { type: 'json_object' },
        tools: [{ type: 'function', function: { name: 'lookup', description: 'Look a term up.', parameters: { type: 'object', properties: { term: { type: 'string' } } } } }],
        tool_choice: 'required',
      });

      expect(sentBody()).toMatchObject({
        stop_sequences: ['END'],
        temperature: 0.3,
        top_p: 0.9,
        metadata: { user_id: 'user-42' },
        tools: [{ name: 'lookup', description: 'Look a term up.', input_schema: { type: 'object', properties: { term: { type: 'string' } } } }],
        tool_choice: { type: 'any' },
      });
      expect(sentBody()).not.toHaveProperty('response_format');

      await send({ messages: [{ role: 'user', content: 'Hi' }], stop: ['A', 'B'] });
      expect(sentBody().stop_sequences).toEqual(['A', 'B']);
    });

    it('streams with stream: true', async () => {
      await collect(adapter.stream({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], stream: true }, target, options));

      expect(sentBody()).toMatchObject({ stream: true, max_tokens: DEFAULT_ANTHROPIC_MAX_TOKENS });
    });
  });

  describe('usage', () => {
    it('counts cache reads and writes into prompt_tokens and reports both apart', async () => {
      server.configure({ usage: { inputTokens: 21, cachedInputTokens: 2048, cacheWriteTokens: 1536, outputTokens: 31 } });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, target, options);

      expect(completion.usage).toEqual({
        prompt_tokens: 21 + 2048 + 1536,
        completion_tokens: 31,
        total_tokens: 21 + 2048 + 1536 + 31,
        prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 1536 },
      });
      expect(readUsage(completion.usage)).toEqual({
        inputTokens: 21,
        cachedInputTokens: 2048,
        cacheWriteTokens: 1536,
        outputTokens: 31,
        reasoningTokens: 0,
        reported: true,
      });
    });

    it('gives the streamed answer the same usage: input from message_start, output from message_delta', async () => {
      server.configure({ usage: { inputTokens: 9, cachedInputTokens: 100, cacheWriteTokens: 50, outputTokens: 12 } });

      const chunks = await collect(adapter.stream({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], stream: true }, target, options));

      expect(readUsage(chunks.at(-1)?.usage)).toEqual({
        inputTokens: 9,
        cachedInputTokens: 100,
        cacheWriteTokens: 50,
        outputTokens: 12,
        reasoningTokens: 0,
        reported: true,
      });
    });
  });

  describe('recorded answers', () => {
    it('translates a recorded message with text and a tool call', async () => {
      server.configure({ replayFixture: 'anthropic-message-tool-use.json' });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Weather?' }] }, target, options);

      expect(completion).toMatchObject({
        id: 'msg_01Aq9LwTzJ3mYdV5xRbK8sPn',
        object: 'chat.completion',
        model: 'claude-sonnet-4-6',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: "I'll look up the current weather in Paris for you.",
              tool_calls: [
                {
                  id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
                },
              ],
            },
          },
        ],
        usage: { prompt_tokens: 412, completion_tokens: 71, total_tokens: 483 },
      });
    });

    it('translates a recorded stream event by event', async () => {
      server.configure({ replayFixture: 'anthropic-message-tool-use-stream.sse' });

      const chunks = await collect(adapter.stream({ model: 'auto', messages: [{ role: 'user', content: 'Weather?' }], stream: true }, target, options));

      expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Let me check the weather for you.');
      const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      expect(toolDeltas[0]).toEqual({
        index: 0,
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        type: 'function',
        function: { name: 'get_weather', arguments: '' },
      });
      expect(toolDeltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe('{"city": "Paris", "unit": "celsius"}');
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
      expect(chunks.at(-1)).toMatchObject({ id: 'msg_014p7gG3wDgGV9EUtLvnow3U', choices: [], usage: { prompt_tokens: 472, completion_tokens: 89 } });
      expect(chunks.every((chunk) => chunk.model === 'claude-sonnet-4-6')).toBe(true);
    });

    it('reads cache counts repeated in message_delta', async () => {
      server.configure({ replayFixture: 'anthropic-message-stream.sse' });

      const chunks = await collect(adapter.stream({ model: 'auto', messages: [{ role: 'user', content: 'Capital?' }], stream: true }, target, options));

      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('The capital of France is Paris.');
      expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 14 + 3072, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 3072 } });
    });

    it.each([
      ['max_tokens', 'length'],
      ['stop_sequence', 'stop'],
      ['end_turn', 'stop'],
      ['refusal', 'content_filter'],
    ])('maps stop_reason %s to finish_reason %s', async (stopReason, finishReason) => {
      const message = { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-x', content: [{ type: 'text', text: 'Hi' }], stop_reason: stopReason, usage: { input_tokens: 1, output_tokens: 1 } };
      server.configure({ fault: { kind: 'raw-response', status: 200, contentType: 'application/json', body: JSON.stringify(message) } });

      const completion = await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, target, options);

      expect(completion.choices[0]?.finish_reason).toBe(finishReason);
    });
  });
});
