import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { RoutewiseError, UpstreamError, UpstreamTimeoutError } from '@routewise/errors';
import type { FakeUpstream } from '@routewise/test-support';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ProviderAdapter, ProviderCallTarget } from '../src/index';
import { readUsage } from '../src/index';

/** One adapter wired to the fake upstream that speaks its wire format. */
export interface ProviderAdapterHarness {
  adapter: ProviderAdapter;
  server: FakeUpstream;
  /** Points at `server`, with the key the server expects. */
  target: ProviderCallTarget;
  /** The base URL an adapter would use for a server at `origin` (OpenAI-compatible ones end in `/v1`). */
  baseUrlFor(origin: string): string;
  /** A rate-limit error body in the provider's own shape, carrying `message`. */
  rateLimitBody(message: string): unknown;
  close(): Promise<void>;
}

export const CONTRACT_API_KEY = 'sk-routewise-contract-0123456789abcdefSECRET';

const TIMEOUT_MS = 400;
const options = { timeoutMs: 10_000 };
const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
// A 1x1 transparent PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * The behavior every ProviderAdapter must show, whatever wire format it speaks (Hono's common.case.test idea):
 * run by the OpenAI-compatible adapter (for OpenAI and for a registry-only provider) and the Anthropic adapter.
 */
export function runProviderAdapterContract(name: string, setup: () => Promise<ProviderAdapterHarness>): void {
  describe(`ProviderAdapter contract: ${name}`, () => {
    let harness: ProviderAdapterHarness;
    const request = (messages: ChatCompletionMessageParam[], extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}) => ({
      model: 'auto',
      messages,
      ...extra,
    });
    const streamRequest = (messages: ChatCompletionMessageParam[], extra: Partial<ChatCompletionCreateParamsStreaming> = {}) =>
      ({ model: 'auto', messages, stream: true, ...extra }) as ChatCompletionCreateParamsStreaming;
    const collect = async (iterable: AsyncIterable<ChatCompletionChunk>) => {
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of iterable) chunks.push(chunk);
      return chunks;
    };
    const hello: ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the capital of France?' }];

    beforeAll(async () => {
      harness = await setup();
    });
    afterAll(async () => {
      await harness.close();
    });
    beforeEach(() => {
      harness.server.reset();
      harness.server.configure({ expectedApiKey: CONTRACT_API_KEY });
    });

    describe('answers', () => {
      it('returns a non-streamed text answer in OpenAI format with usage', async () => {
        harness.server.configure({ content: 'The capital of France is Paris.', usage: { inputTokens: 31, outputTokens: 9, cachedInputTokens: 1024 } });

        const completion = await harness.adapter.complete(request(hello), harness.target, options);

        expect(completion.object).toBe('chat.completion');
        expect(completion.id).toEqual(expect.any(String));
        expect(completion.choices).toHaveLength(1);
        expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'The capital of France is Paris.' });
        expect(completion.choices[0]?.finish_reason).toBe('stop');
        expect(completion.usage).toMatchObject({
          prompt_tokens: 31 + 1024,
          completion_tokens: 9,
          total_tokens: 31 + 1024 + 9,
          prompt_tokens_details: { cached_tokens: 1024 },
        });
        expect(readUsage(completion.usage)).toMatchObject({ inputTokens: 31, cachedInputTokens: 1024, outputTokens: 9, reported: true });
        expect(harness.server.lastRequest().body).toMatchObject({ model: harness.target.upstreamModel });
      });

      it('streams chunks whose deltas add up to the non-streamed text, the last one carrying usage', async () => {
        const text = 'Paris is the capital of France, and its largest city.';
        harness.server.configure({ content: text, usage: { inputTokens: 12, outputTokens: 14 } });
        const completion = await harness.adapter.complete(request(hello), harness.target, options);

        const chunks = await collect(harness.adapter.stream(streamRequest(hello), harness.target, options));

        const streamed = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
        expect(streamed).toBe(completion.choices[0]?.message.content);
        expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
        expect(chunks.find((chunk) => chunk.choices[0]?.delta.role !== undefined)?.choices[0]?.delta.role).toBe('assistant');
        expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null)).toEqual(['stop']);
        const last = chunks.at(-1);
        expect(last?.choices).toEqual([]);
        expect(last?.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 14, total_tokens: 26 });
        expect(harness.server.lastRequest().body).toMatchObject({ stream: true, model: harness.target.upstreamModel });
      });

      it('reports a length cut as finish_reason "length"', async () => {
        harness.server.configure({ content: 'The capital of', finishReason: 'length' });

        const completion = await harness.adapter.complete(request(hello, { max_tokens: 3 }), harness.target, options);

        expect(completion.choices[0]?.finish_reason).toBe('length');
      });

      it('sends a system prompt and a multi-turn conversation', async () => {
        harness.server.configure({ content: 'Four.' });
        const messages: ChatCompletionMessageParam[] = [
          { role: 'system', content: 'You answer in one word.' },
          { role: 'user', content: 'Hi there' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'What is 2 + 2?' },
        ];

        const completion = await harness.adapter.complete(request(messages), harness.target, options);

        expect(completion.choices[0]?.message.content).toBe('Four.');
        const sent = harness.server.lastRequest().rawBody;
        for (const text of ['You answer in one word.', 'Hi there', 'Hello!', 'What is 2 + 2?']) expect(sent).toContain(JSON.stringify(text));
      });

      it('accepts an image given as a data URL', async () => {
        harness.server.configure({ content: 'A single transparent pixel.' });
        const messages: ChatCompletionMessageParam[] = [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            ],
          },
        ];

        const completion = await harness.adapter.complete(request(messages), harness.target, options);

        expect(completion.choices[0]?.message.content).toBe('A single transparent pixel.');
        expect(harness.server.lastRequest().rawBody).toContain(PNG_BASE64);
      });
    });

    describe('tools', () => {
      const toolCall = { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } };

      it('returns the tool call of a non-streamed answer as OpenAI tool_calls', async () => {
        harness.server.configure({ content: '', toolCalls: [toolCall] });

        const completion = await harness.adapter.complete(request(hello, { tools: [weatherTool] }), harness.target, options);

        const choice = completion.choices[0];
        expect(choice?.finish_reason).toBe('tool_calls');
        expect(choice?.message.tool_calls).toHaveLength(1);
        const call = choice?.message.tool_calls?.[0];
        expect(call?.type).toBe('function');
        expect(call?.id).toEqual(expect.stringMatching(/\S/));
        if (call?.type !== 'function') throw new Error('expected a function tool call');
        expect(call.function.name).toBe('get_weather');
        expect(JSON.parse(call.function.arguments)).toEqual(toolCall.arguments);
        expect(harness.server.lastRequest().rawBody).toContain('"get_weather"');
      });

      it('streams the tool call as tool_calls deltas that add up to the arguments', async () => {
        harness.server.configure({ content: '', toolCalls: [toolCall] });

        const chunks = await collect(harness.adapter.stream(streamRequest(hello, { tools: [weatherTool] }), harness.target, options));

        const deltas = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
        expect(new Set(deltas.map((delta) => delta.index))).toEqual(new Set([0]));
        expect(deltas.find((delta) => delta.id !== undefined)?.id).toEqual(expect.stringMatching(/\S/));
        expect(deltas.find((delta) => delta.function?.name !== undefined)?.function?.name).toBe('get_weather');
        const argumentsText = deltas.map((delta) => delta.function?.arguments ?? '').join('');
        expect(JSON.parse(argumentsText)).toEqual(toolCall.arguments);
        expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
        expect(chunks.at(-1)?.usage).toBeDefined();
      });

      it('accepts a conversation with an assistant tool call and its result', async () => {
        harness.server.configure({ content: 'It is 18°C and sunny in Paris.' });
        const messages: ChatCompletionMessageParam[] = [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          },
          { role: 'tool', tool_call_id: 'call_w1', content: '18°C, sunny' },
        ];

        const completion = await harness.adapter.complete(request(messages, { tools: [weatherTool] }), harness.target, options);

        expect(completion.choices[0]?.message.content).toBe('It is 18°C and sunny in Paris.');
        const sent = harness.server.lastRequest().rawBody;
        expect(sent).toContain('call_w1');
        expect(sent).toContain('18°C, sunny');
      });
    });

    describe('failures', () => {
      const expectFailure = async (call: () => Promise<unknown>) => {
        const error: unknown = await call().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        if (error === undefined) throw new Error('expected the call to fail');
        expectKeyHidden(error, harness.target.apiKey);
        return error;
      };
      const completeFails = () => expectFailure(() => harness.adapter.complete(request(hello), harness.target, options));
      const streamFails = () => expectFailure(() => collect(harness.adapter.stream(streamRequest(hello), harness.target, options)));

      it("turns a 429 into UpstreamError 429 with the provider's own message", async () => {
        const message = 'Rate limit reached for requests per minute: Limit 3, Used 3, Requested 1.';
        harness.server.configure({ fault: { kind: 'http-error', status: 429, body: harness.rateLimitBody(message) } });

        for (const error of [await completeFails(), await streamFails()]) {
          expect(error).toBeInstanceOf(UpstreamError);
          expect(error).toMatchObject({ status: 429, upstreamStatus: 429, code: 'rate_limited', isRetryable: true });
          expect((error as Error).message).toContain(message);
        }
      });

      it('turns a 500 into UpstreamError 500', async () => {
        harness.server.configure({ fault: { kind: 'http-error', status: 500 } });

        const error = await completeFails();

        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 500, upstreamStatus: 500, isRetryable: true });
      });

      it('turns a 503 into UpstreamError 503', async () => {
        harness.server.configure({ fault: { kind: 'http-error', status: 503 } });

        expect(await streamFails()).toMatchObject({ status: 503 });
      });

      it('gives up on a provider that never answers with UpstreamTimeoutError within the timeout', async () => {
        harness.server.configure({ fault: { kind: 'hang' } });

        for (const call of [
          () => harness.adapter.complete(request(hello), harness.target, { timeoutMs: TIMEOUT_MS }),
          () => collect(harness.adapter.stream(streamRequest(hello), harness.target, { timeoutMs: TIMEOUT_MS })),
        ]) {
          const started = Date.now();
          const error = await expectFailure(call);
          const elapsed = Date.now() - started;
          expect(error).toBeInstanceOf(UpstreamTimeoutError);
          expect(error).toMatchObject({ status: 504, code: 'upstream_timeout' });
          expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
          expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
        }
      });

      it('waits for a provider that is slow to answer but within the timeout', async () => {
        harness.server.configure({ content: 'Slow but fine.', latencyMs: TIMEOUT_MS / 4 });

        const completion = await harness.adapter.complete(request(hello), harness.target, { timeoutMs: TIMEOUT_MS });
        const chunks = await collect(harness.adapter.stream(streamRequest(hello), harness.target, { timeoutMs: TIMEOUT_MS }));

        expect(completion.choices[0]?.message.content).toBe('Slow but fine.');
        expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Slow but fine.');
      });

      it('times out a provider whose headers come later than the timeout', async () => {
        harness.server.configure({ latencyMs: TIMEOUT_MS * 3 });

        expect(await expectFailure(() => harness.adapter.complete(request(hello), harness.target, { timeoutMs: TIMEOUT_MS }))).toBeInstanceOf(
          UpstreamTimeoutError,
        );
      });

      it('times out a stream that stalls after it started', async () => {
        harness.server.configure({ content: 'one two three', chunkDelayMs: TIMEOUT_MS * 3 });

        const error = await expectFailure(() => collect(harness.adapter.stream(streamRequest(hello), harness.target, { timeoutMs: TIMEOUT_MS })));

        expect(error).toBeInstanceOf(UpstreamTimeoutError);
      });

      it('lets a slow but steady stream finish: the timeout bounds the gaps, not the total', async () => {
        const text = 'one two three four five six seven eight nine ten';
        harness.server.configure({ content: text, chunkDelayMs: TIMEOUT_MS / 8 });

        const chunks = await collect(harness.adapter.stream(streamRequest(hello), harness.target, { timeoutMs: TIMEOUT_MS }));

        expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(text);
      });

      it('answers a caller that cancels with UpstreamError 499, without waiting for the timeout', async () => {
        harness.server.configure({ fault: { kind: 'hang' } });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const started = Date.now();

        const error = await expectFailure(() => harness.adapter.complete(request(hello), harness.target, { timeoutMs: 10_000, signal: controller.signal }));

        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 499, isRetryable: false });
        expect(Date.now() - started).toBeLessThan(2000);
      });

      it('turns malformed JSON into UpstreamError 502', async () => {
        harness.server.configure({ fault: { kind: 'malformed-json' } });

        for (const error of [await completeFails(), await streamFails()]) {
          expect(error).toBeInstanceOf(UpstreamError);
          expect(error).toMatchObject({ status: 502, upstreamStatus: null });
        }
      });

      it('rejects a 200 body that is not an answer with UpstreamError 502 "malformed response"', async () => {
        harness.server.configure({ fault: { kind: 'raw-response', status: 200, contentType: 'application/json', body: '{"status":"ok"}' } });

        const error = await completeFails();

        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 502 });
        expect((error as Error).message).toContain('malformed response');
      });

      it.each([
        ['the connection is destroyed', false],
        ['the body ends cleanly', true],
      ])('throws from the iterator when a stream is cut short (%s)', async (_case, cleanly) => {
        harness.server.configure({ content: 'one two three four five', fault: { kind: 'truncate-stream', afterEvents: 3, cleanly } });
        const received: ChatCompletionChunk[] = [];

        const error = await expectFailure(async () => {
          for await (const chunk of harness.adapter.stream(streamRequest(hello), harness.target, options)) received.push(chunk);
        });

        expect(received.length).toBeGreaterThan(0);
        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 502 });
      });

      it('throws the error a provider sends inside a stream', async () => {
        harness.server.configure({ fault: { kind: 'stream-error', afterEvents: 2 } });

        const error = await streamFails();

        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).status).toBeGreaterThanOrEqual(500);
      });

      it('turns a wrong key into UpstreamError 401 without repeating the key', async () => {
        const wrongKey = 'sk-wrong-key-9876543210zyxwvutsrqponmlkjihgfedcba';
        harness.server.configure({ echoApiKeyInErrors: true });

        const error = await expectFailure(() => harness.adapter.complete(request(hello), { ...harness.target, apiKey: wrongKey }, options));

        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 401, upstreamStatus: 401, code: 'invalid_api_key' });
        expectKeyHidden(error, wrongKey);
        expect(harness.server.lastRequest().rawBody).not.toContain(wrongKey);
      });

      it('turns a refused connection into UpstreamError 502', async () => {
        const closed = await startClosedPort();

        const error = await expectFailure(() =>
          harness.adapter.complete(request(hello), { ...harness.target, baseURL: harness.baseUrlFor(closed) }, options),
        );

        expect(error).toBeInstanceOf(UpstreamError);
        expect(error).toMatchObject({ status: 502 });
        expect((error as Error).message).toContain('ECONNREFUSED');
      });
    });
  });
}

/** The key is in no message, no serialization, no stack and no nested cause of what was thrown. */
export function expectKeyHidden(error: unknown, apiKey: string): void {
  expect(error).toBeInstanceOf(RoutewiseError);
  const routewiseError = error as RoutewiseError;
  expect(routewiseError.message).not.toContain(apiKey);
  expect(JSON.stringify(routewiseError)).not.toContain(apiKey);
  expect(String(routewiseError.stack)).not.toContain(apiKey);
  expect(inspect(routewiseError, { depth: 8 })).not.toContain(apiKey);
}

/** An origin where nothing listens: a port that was just freed. */
async function startClosedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
