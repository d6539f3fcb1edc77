import { countTokens } from 'gpt-tokenizer';
import { startFakeAnthropicServer, startFakeOpenAIServer, startTestRouter, type FakeAnthropicServer, type FakeOpenAIServer, type TestRouter } from '@routewise/test-support';

/** Every price component, priced from what each wire format reports, streamed and not; hand-worked expectations. */
describe('cost accounting', () => {
  let openai: FakeOpenAIServer;
  let anthropic: FakeAnthropicServer;
  let router: TestRouter;

  beforeAll(async () => {
    openai = await startFakeOpenAIServer({ content: 'The answer is 42.' });
    anthropic = await startFakeAnthropicServer({ content: 'The answer is 42.' });
    router = await startTestRouter({
      environment: { OPENAI_API_KEY: 'sk-cost', OPENAI_BASE_URL: openai.url, ANTHROPIC_API_KEY: 'sk-ant-cost', ANTHROPIC_BASE_URL: anthropic.url },
    });
  });
  afterAll(async () => {
    await router.close();
    await openai.close();
    await anthropic.close();
  });

  const ask = (model: string, extra: Record<string, unknown> = {}) =>
    fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'What is six times seven?' }], ...extra }),
    });

  const streamCost = async (response: Response) => {
    const text = await response.text();
    const usageEvent = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice(6)) as { routewise?: { cost_usd: number } })
      .find((event) => event.routewise);
    return usageEvent!.routewise!.cost_usd;
  };

  // o3: $2 input, $0.50 cached input, $8 output per million. 1,000 fresh + 3,000 cached in, 500 out (300 reasoning):
  // 1,000 × 2/M + 3,000 × 0.5/M + 500 × 8/M = 0.002 + 0.0015 + 0.004
  const O3_COST = 0.0075;

  it('OpenAI format: input, cached input, output and reasoning tokens', async () => {
    openai.configure({ usage: { inputTokens: 1000, cachedInputTokens: 3000, outputTokens: 500, reasoningTokens: 300 } });
    const response = await ask('o3');
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(O3_COST, 12);
    const record = router.recorder.find(response.headers.get('x-routewise-request-id')!)!;
    expect(record).toMatchObject({ promptTokens: 4000, cachedInputTokens: 3000, completionTokens: 500, reasoningTokens: 300, costEstimated: false });
  });

  it('OpenAI format, streamed: the same cost from the usage chunk', async () => {
    openai.configure({ usage: { inputTokens: 1000, cachedInputTokens: 3000, outputTokens: 500, reasoningTokens: 300 } });
    const response = await ask('o3', { stream: true, stream_options: { include_usage: true } });
    expect(await streamCost(response)).toBeCloseTo(O3_COST, 12);
    expect(openai.lastRequest().body).toMatchObject({ stream_options: { include_usage: true } });
  });

  // claude-sonnet-4-6: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million.
  // 400 fresh + 2,000 read + 1,000 written in, 100 out: 0.0012 + 0.0006 + 0.00375 + 0.0015
  const SONNET_COST = 0.00705;

  it('Anthropic format: cache reads and cache writes at their own prices, streamed and not', async () => {
    anthropic.configure({ usage: { inputTokens: 400, cachedInputTokens: 2000, cacheWriteTokens: 1000, outputTokens: 100 } });
    const plain = await ask('claude-sonnet-4-6');
    expect(Number(plain.headers.get('x-routewise-cost-usd'))).toBeCloseTo(SONNET_COST, 12);
    expect(await streamCost(await ask('claude-sonnet-4-6', { stream: true, stream_options: { include_usage: true } }))).toBeCloseTo(SONNET_COST, 12);
  });

  it('estimates with the tokenizer, and says so, when the provider reports no usage', async () => {
    const body = {
      id: 'chatcmpl-nousage',
      object: 'chat.completion',
      created: 1795000000,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is 42.' }, finish_reason: 'stop' }],
    };
    openai.configure({ fault: { kind: 'raw-response', status: 200, contentType: 'application/json', body: JSON.stringify(body) } });
    try {
      const response = await ask('gpt-4o');
      expect(response.headers.get('x-routewise-cost-estimated')).toBe('true');
      const record = router.recorder.find(response.headers.get('x-routewise-request-id')!)!;
      // gpt-4o: $2.50 in, $10 out per million; prompt tokens as the router counted them, output from the answer text
      const expected = (record.promptTokens * 2.5 + countTokens('The answer is 42.') * 10) / 1_000_000;
      expect(record.costEstimated).toBe(true);
      expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(expected, 12);
    } finally {
      openai.configure({ fault: null });
    }
  });
});
