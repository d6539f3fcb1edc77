import OpenAI from 'openai';
import {
  startFakeAnthropicServer,
  startFakeOpenAIServer,
  startTestRouter,
  type FakeAnthropicServer,
  type FakeOpenAIServer,
  type TestRouter,
} from '@routewise/test-support';

const OPENAI_KEY = 'sk-test-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789';
const GROQ_KEY = 'gsk-test-0123456789';

/** The official `openai` client against a real router, which calls real loopback fakes of both wire formats. */
describe('the official openai client through Routewise', () => {
  let openaiUpstream: FakeOpenAIServer;
  let anthropicUpstream: FakeAnthropicServer;
  let router: TestRouter;
  let client: OpenAI;

  beforeAll(async () => {
    const echo = (provider: string) => (request: { body: unknown }) => `${provider} answered as ${(request.body as { model: string }).model}. Here is a careful, complete answer.`;
    openaiUpstream = await startFakeOpenAIServer({ content: echo('openai-compatible'), usage: { inputTokens: 120, outputTokens: 40, cachedInputTokens: 0 } });
    anthropicUpstream = await startFakeAnthropicServer({ expectedApiKey: ANTHROPIC_KEY, content: echo('anthropic'), usage: { inputTokens: 100, outputTokens: 50, cachedInputTokens: 1000, cacheWriteTokens: 200 } });
    router = await startTestRouter({
      environment: {
        OPENAI_API_KEY: OPENAI_KEY,
        OPENAI_BASE_URL: openaiUpstream.url,
        ANTHROPIC_API_KEY: ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: anthropicUpstream.url,
        GROQ_API_KEY: GROQ_KEY,
        GROQ_BASE_URL: openaiUpstream.url,
      },
      // The fallback LLM has its own suite; here the classifier alone decides.
      configure: (config) => {
        config.classifier.fallback_threshold = 0;
        config.dispatch.timeout_ms = 1500;
      },
    });
    client = new OpenAI({ baseURL: router.baseURL, apiKey: 'routewise-does-not-check-this', maxRetries: 0 });
  });

  afterEach(() => {
    openaiUpstream.configure({ fault: null, expectedApiKey: null });
    anthropicUpstream.configure({ fault: null });
  });

  afterAll(async () => {
    await router.close();
    await openaiUpstream.close();
    await anthropicUpstream.close();
  });

  it('routes a coding request to Claude Sonnet through the Anthropic adapter, with the decision and cost in headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that merges two sorted lists into one sorted list.' }] })
      .withResponse();
    expect(response.headers.get('x-routewise-task')).toBe('code');
    expect(response.headers.get('x-routewise-model')).toBe('claude-sonnet-5-5');
    expect(response.headers.get('x-routewise-route-source')).toBe('classifier');
    expect(Number(response.headers.get('x-routewise-confidence'))).toBeGreaterThan(0);
    expect(response.headers.get('x-routewise-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(data.model).toBe('claude-sonnet-5-5');
    expect(data.choices[0]!.message.content).toBe('anthropic answered as claude-sonnet-5-5. Here is a careful, complete answer.');
    // Sonnet 5.5: 100 fresh × $2/M + 1,000 cache reads × $0.20/M + 200 cache writes × $2.50/M + 50 out × $10/M
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(0.0002 + 0.0002 + 0.0005 + 0.0005, 10);
    // @anthropic-ai/sdk 1.x sends the key as a bearer token; older versions used x-api-key.
    const headers = anthropicUpstream.lastRequest().headers;
    expect([headers['x-api-key'], headers.authorization]).toContainEqual(expect.stringContaining(ANTHROPIC_KEY));
    const decision = router.recorder.find(response.headers.get('x-routewise-request-id')!);
    expect(decision).toMatchObject({ task: 'code', model: 'claude-sonnet-5-5', provider: 'anthropic', status: 'ok', costEstimated: false, completionTokens: 50, cachedInputTokens: 1000 });
  });

  it('routes a creative request to GPT-4o through the OpenAI-compatible adapter', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Write a short poem about autumn leaves falling on a quiet lake.' }] })
      .withResponse();
    expect(response.headers.get('x-routewise-task')).toBe('creative');
    expect(data.model).toBe('gpt-4o');
    expect(openaiUpstream.lastRequest().body).toMatchObject({ model: 'gpt-4o' });
    expect(openaiUpstream.lastRequest().headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    // GPT-4o: 120 in × $2.50/M + 40 out × $10/M
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(0.0003 + 0.0004, 10);
  });

  it('sends chat to Groq: another registry provider over the same adapter', async () => {
    const { data } = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-routewise-task': 'chat' } }).withResponse();
    expect(data.model).toBe('llama-3.3-70b-versatile');
    expect(openaiUpstream.lastRequest().headers.authorization).toBe(`Bearer ${GROQ_KEY}`);
  });

  it('pins a catalog model (manual routing), still recorded and priced', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Prove that the square root of two is irrational.' }] })
      .withResponse();
    expect(data.model).toBe('gpt-4o-mini');
    expect(response.headers.get('x-routewise-route-source')).toBe('pinned');
    expect(openaiUpstream.lastRequest().body).toMatchObject({ model: 'gpt-4o-mini' });
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(120 * 0.15e-6 + 40 * 0.6e-6, 12);
  });

  it('streams through the OpenAI-compatible adapter, ending with usage and the cost', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Tell me a story.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let last: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      expect(chunk.model).toBe('gpt-4o');
      last = chunk;
    }
    expect(text).toBe('openai-compatible answered as gpt-4o. Here is a careful, complete answer.');
    expect(last).toMatchObject({ choices: [], usage: { prompt_tokens: 120, completion_tokens: 40 }, routewise: { cost_estimated: false } });
    expect((last as { routewise: { cost_usd: number } }).routewise.cost_usd).toBeCloseTo(0.0007, 10);
    expect(openaiUpstream.lastRequest().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streams through the Anthropic adapter; without include_usage no usage chunk reaches the client', async () => {
    const stream = await client.chat.completions.create(
      { model: 'auto', messages: [{ role: 'user', content: 'anything' }], stream: true },
      { headers: { 'x-routewise-task': 'code' } },
    );
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('anthropic answered as claude-sonnet-5-5. Here is a careful, complete answer.');
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    const decision = router.recorder.decisions.at(-1)!;
    expect(decision).toMatchObject({ stream: true, model: 'claude-sonnet-5-5', status: 'ok', completionTokens: 50 });
    expect(decision.costUsd).toBeCloseTo(0.0014, 10);
  });

  it('answers /v1/route without calling a provider', async () => {
    const before = openaiUpstream.requests.length + anthropicUpstream.requests.length;
    const response = await fetch(`${router.url}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-routewise-user-tier': 'free' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Summarize the following article in three bullets: ...' }] }),
    });
    const decision = (await response.json()) as Record<string, unknown>;
    expect(decision).toMatchObject({ source: 'rule', rule: 'free-tier', model: 'gemini-2.0-flash', provider: 'gemini' });
    expect(Object.keys(decision)).toEqual(expect.arrayContaining(['request_id', 'task', 'confidence', 'probabilities', 'source', 'model', 'provider', 'reason', 'estimated_cost_usd']));
    expect(decision['estimated_cost_usd']).toBeGreaterThan(0);
    expect(openaiUpstream.requests.length + anthropicUpstream.requests.length).toBe(before);
  });

  it('lists auto and the catalog in OpenAI format', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids[0]).toBe('auto');
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'claude-sonnet-5-5', 'claude-sonnet-4-6', 'o3', 'gemini-2.5-pro']));
  });

  it('passes an upstream 429 back with the provider status and message', async () => {
    openaiUpstream.configure({ fault: { kind: 'http-error', status: 429 } });
    const error = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/openai: .*rate limit/i);
    expect(router.recorder.decisions.at(-1)).toMatchObject({ status: 'error', errorCode: 'rate_limited' });
  });

  it('turns an upstream that never answers into a 504', async () => {
    anthropicUpstream.configure({ fault: { kind: 'hang' } });
    const error = await client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
  });

  it('turns an upstream failure before the first chunk of a stream into a JSON error with its status', async () => {
    anthropicUpstream.configure({ fault: { kind: 'http-error', status: 500 } });
    const error = await client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }], stream: true }).catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
  });

  it("uses a caller's own key (BYOK) and never echoes it", async () => {
    const callerKey = 'sk-caller-own-key-abcdef123456';
    openaiUpstream.configure({ expectedApiKey: OPENAI_KEY, echoApiKeyInErrors: true });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-routewise-key-openai': callerKey } })
      .catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    expect(openaiUpstream.lastRequest().headers.authorization).toBe(`Bearer ${callerKey}`);
    expect(JSON.stringify((error as InstanceType<typeof OpenAI.APIError>).error)).not.toContain(callerKey);
    expect((error as Error).message).not.toContain(callerKey);
  });

  it('never writes a provider key to its logs or decision records', () => {
    const everything = router.logs() + JSON.stringify(router.recorder.decisions);
    for (const key of [OPENAI_KEY, ANTHROPIC_KEY, GROQ_KEY, 'sk-caller-own-key-abcdef123456']) expect(everything).not.toContain(key);
  });
});
