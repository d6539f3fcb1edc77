import OpenAI from 'openai';
import { startFakeOpenAIServer, startTestRouter, type FakeOpenAIServer, type TestRouter } from '@routewise/test-support';

/** Cheap model first; the next one answers only when a check fails. All through real fake providers. */
describe('cascades', () => {
  let upstream: FakeOpenAIServer;
  let router: TestRouter;
  let client: OpenAI;
  const answers: Record<string, string> = {};

  beforeAll(async () => {
    upstream = await startFakeOpenAIServer({
      content: (request) => answers[(request.body as { model: string }).model] ?? 'a plain answer',
      usage: { inputTokens: 100, outputTokens: 20 },
    });
    router = await startTestRouter({
      environment: { OPENAI_API_KEY: 'sk-cascade-test', OPENAI_BASE_URL: upstream.url },
      configure: (config) => {
        config.classifier.fallback_threshold = 0;
        config.cascade.tasks.classify = { models: ['gpt-4o-mini', 'gpt-4o'], checks: ['non_empty', 'json_schema'] };
      },
    });
    client = new OpenAI({ baseURL: router.baseURL, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await router.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.reset();
    for (const key of Object.keys(answers)) delete answers[key];
  });

  const personSchema = {
    type: 'json_schema' as const,
    json_schema: { name: 'person', schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] } },
  };
  const cascadeBody = (extra: Record<string, unknown>) =>
    ({ model: 'auto', messages: [{ role: 'user', content: 'Extract the person: Ada, 36.' }], response_format: personSchema, ...extra }) as never;
  // usage 100 in / 20 out: gpt-4o-mini 100×0.15/M + 20×0.60/M = $0.000027; gpt-4o 100×2.50/M + 20×10/M = $0.00045
  const MINI = 0.000027;
  const FOUR_O = 0.00045;

  it('escalates once when the cheap answer is invalid JSON, and the cost is the sum of both calls', async () => {
    answers['gpt-4o-mini'] = '{"name": "Ada", "age": ';
    answers['gpt-4o'] = '{"name": "Ada", "age": 36}';
    const { data, response } = await client.chat.completions
      .create(cascadeBody({ routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['json_schema'] } }))
      .withResponse();
    expect(data.model).toBe('gpt-4o');
    expect(data.choices[0]!.message.content).toBe('{"name": "Ada", "age": 36}');
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:fail(json_schema);gpt-4o:pass');
    expect(response.headers.get('x-routewise-model')).toBe('gpt-4o');
    expect(response.headers.get('x-routewise-cascade-exhausted')).toBeNull();
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(MINI + FOUR_O, 10);
    expect(upstream.requests.map((request) => (request.body as { model: string }).model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
    const record = router.recorder.find(response.headers.get('x-routewise-request-id')!)!;
    expect(record.costUsd).toBeCloseTo(MINI + FOUR_O, 10);
    expect(record.cascade).toEqual([
      expect.objectContaining({ model: 'gpt-4o-mini', passed: false, failed: 'json_schema' }),
      expect.objectContaining({ model: 'gpt-4o', passed: true, failed: null }),
    ]);
  });

  it('gives the client the JSON itself when the passing answer wrapped it in a ```json fence', async () => {
    answers['gpt-4o-mini'] = '```json\n{"name": "Ada", "age": 36}\n```';
    const { data, response } = await client.chat.completions
      .create(cascadeBody({ routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['json_schema'] } }))
      .withResponse();
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:pass');
    expect(data.choices[0]!.message.content).toBe('{"name": "Ada", "age": 36}');
  });

  it('escalates when a code block does not parse', async () => {
    answers['gpt-4o-mini'] = 'Here you go:\n```typescript\nfunction add(a: number, b: number {\n  return a + b;\n```';
    answers['gpt-4o'] = 'Here you go:\n```typescript\nfunction add(a: number, b: number): number {\n  return a + b;\n}\n```';
    const { response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'add in TS' }], routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['code_parses'] } } as never)
      .withResponse();
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:fail(code_parses);gpt-4o:pass');
  });

  it('does not escalate when the first answer passes', async () => {
    answers['gpt-4o-mini'] = '{"name": "Ada", "age": 36}';
    const { data, response } = await client.chat.completions
      .create(cascadeBody({ routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['non_empty', 'json_schema'] } }))
      .withResponse();
    expect(data.model).toBe('gpt-4o-mini');
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:pass');
    expect(upstream.requests).toHaveLength(1);
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(MINI, 10);
  });

  it('returns the last answer, clearly marked, when every model fails: one call each, no loop', async () => {
    answers['gpt-4o-mini'] = 'not json at all';
    answers['gpt-4o'] = 'still not json';
    const { data, response } = await client.chat.completions
      .create(cascadeBody({ routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['json_schema'] } }))
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('still not json');
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:fail(json_schema);gpt-4o:fail(json_schema)');
    expect(response.headers.get('x-routewise-cascade-exhausted')).toBe('true');
    expect(upstream.requests).toHaveLength(2);
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeCloseTo(MINI + FOUR_O, 10);
  });

  it('streams only the answer that passed, after the checks', async () => {
    answers['gpt-4o-mini'] = '{"name": ';
    answers['gpt-4o'] = '{"name": "Ada", "age": 36}';
    const stream = await client.chat.completions.create(
      cascadeBody({ stream: true, stream_options: { include_usage: true }, routewise: { cascade: ['gpt-4o-mini', 'gpt-4o'], checks: ['json_schema'] } }),
    );
    let text = '';
    let last: unknown;
    for await (const chunk of stream as unknown as AsyncIterable<OpenAI.ChatCompletionChunk>) {
      text += chunk.choices[0]?.delta.content ?? '';
      last = chunk;
    }
    expect(text).toBe('{"name": "Ada", "age": 36}');
    expect((last as { routewise: { cost_usd: number } }).routewise.cost_usd).toBeCloseTo(MINI + FOUR_O, 10);
  });

  it("uses the task's cascade from the config", async () => {
    answers['gpt-4o-mini'] = '';
    answers['gpt-4o'] = '{"label": "billing"}';
    const { response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Label this support ticket as billing, bug or feature: "I was charged twice this month."' }] }, { headers: { 'x-routewise-task': 'classify' } })
      .withResponse();
    expect(response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:fail(non_empty);gpt-4o:pass');
    // A pinned model is the caller's explicit choice: no cascade.
    const pinned = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Label this: "refund please"' }] }, { headers: { 'x-routewise-task': 'classify' } }).withResponse();
    expect(pinned.response.headers.get('x-routewise-cascade')).toBeNull();
    const routed = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Classify the sentiment of this review as positive, negative or neutral: "The battery died after two days."' }] })
      .withResponse();
    expect(routed.response.headers.get('x-routewise-task')).toBe('classify');
    expect(routed.response.headers.get('x-routewise-cascade')).toBe('gpt-4o-mini:fail(non_empty);gpt-4o:pass');
  });

  it('rejects an unknown model or check in the routewise options with a 400 naming it', async () => {
    const badModel = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], routewise: { cascade: ['gpt-4o-mini', 'gpt-99'] } }),
    });
    expect(badModel.status).toBe(400);
    expect(((await badModel.json()) as { error: { param: string } }).error.param).toBe('routewise.cascade[1]');
    const badCheck = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], routewise: { cascade: ['gpt-4o-mini'], checks: ['vibes'] } }),
    });
    expect(badCheck.status).toBe(400);
  });
});
