import OpenAI from 'openai';
import { countTokens } from 'gpt-tokenizer';
import { startFakeOpenAIServer, startTestRouter, type TestRouter } from '@routewise/test-support';

describe('demo mode: no provider key configured at all', () => {
  let router: TestRouter;
  let client: OpenAI;

  beforeAll(async () => {
    router = await startTestRouter();
    client = new OpenAI({ baseURL: router.baseURL, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(() => router.close());

  it('says so in /readyz, with the embedder and classifier in use', async () => {
    const readiness = (await (await fetch(`${router.url}/readyz`)).json()) as Record<string, unknown>;
    expect(readiness).toMatchObject({ status: 'ready', demo_mode: true, fallback_llm: null, embedder: { kind: 'model2vec', fallback: false } });
    expect((readiness['embedder'] as { id: string }).id).toMatch(/^local:routewise-static-en-64@[0-9a-f]{12}$/);
    expect((readiness['classifier'] as { version: string }).version).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    expect(await (await fetch(`${router.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('returns a clearly labeled simulated answer with real token counts and a real cost', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Brainstorm ten names for a bakery that also sells books.' }] })
      .withResponse();
    expect(response.headers.get('x-routewise-simulated')).toBe('true');
    const content = data.choices[0]!.message.content!;
    expect(content).toMatch(/^\[Routewise demo mode: simulated answer from /);
    expect(data.usage!.completion_tokens).toBe(countTokens(content));
    expect(data.usage!.prompt_tokens).toBeGreaterThan(10);
    expect(Number(response.headers.get('x-routewise-cost-usd'))).toBeGreaterThan(0);
    expect(router.recorder.decisions.at(-1)).toMatchObject({ simulated: true, status: 'ok' });
  });

  it('streams simulated answers too', async () => {
    const stream = await client.chat.completions.create({ model: 'o3', messages: [{ role: 'user', content: 'What is 17 * 23?' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(/^\[Routewise demo mode: simulated answer from o3/);
  });

  it('uses the real provider when the caller brings a key, even in demo mode', async () => {
    const upstream = await startFakeOpenAIServer({ content: 'a real answer' });
    const byok = await startTestRouter({ environment: { OPENAI_BASE_URL: upstream.url } });
    try {
      const byokClient = new OpenAI({ baseURL: byok.baseURL, apiKey: 'unused', maxRetries: 0 });
      const { data, response } = await byokClient.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-routewise-key-openai': 'sk-mine' } })
        .withResponse();
      expect(data.choices[0]!.message.content).toBe('a real answer');
      expect(response.headers.get('x-routewise-simulated')).toBeNull();
    } finally {
      await byok.close();
      await upstream.close();
    }
  });
});

describe('live mode with a provider missing its key', () => {
  it('fails a request routed to that provider with a 401 naming the variable', async () => {
    const router = await startTestRouter({ environment: { OPENAI_API_KEY: 'sk-only-openai' } });
    try {
      const response = await fetch(`${router.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('missing_provider_key');
      expect(body.error.message).toContain('ANTHROPIC_API_KEY');
      expect(body.error.message).toContain('x-routewise-key-anthropic');
      expect(body.error.message).not.toContain('sk-only-openai');
    } finally {
      await router.close();
    }
  });
});
