import { startFakeAnthropicServer, startTestRouter, type FakeAnthropicServer, type TestRouter } from '@routewise/test-support';

/** When the classifier is unsure, the configured cheap LLM (claude-haiku-4-5 here, on a fake Anthropic) decides. */
describe('the fallback LLM', () => {
  let anthropic: FakeAnthropicServer;
  let router: TestRouter;
  let fallbackAnswer = 'reasoning';

  const isFallbackCall = (body: unknown) => JSON.stringify((body as { system?: unknown }).system ?? '').includes('You sort requests');

  beforeAll(async () => {
    anthropic = await startFakeAnthropicServer({
      content: (request) => (isFallbackCall(request.body) ? fallbackAnswer : 'an answer'),
    });
    router = await startTestRouter({
      environment: { ANTHROPIC_API_KEY: 'sk-ant-fallback', ANTHROPIC_BASE_URL: anthropic.url },
      // Always "unsure", so every request asks the fallback.
      configure: (config) => {
        config.classifier.fallback_threshold = 1;
        config.classifier.fallback_timeout_ms = 300;
      },
    });
  });
  afterAll(async () => {
    await router.close();
    await anthropic.close();
  });

  const route = async (content: string) => {
    const response = await fetch(`${router.url}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
    });
    return (await response.json()) as { task: string; source: string; model: string; request_id: string };
  };

  it('warms up at start without calling any provider: a start with a real key costs nothing', async () => {
    // The threshold is 1, so a warm-up through the fallback stage would have asked the LLM; it must not have.
    expect(anthropic.requests).toHaveLength(0);
    await route('the first real request after the start');
    expect(anthropic.requests.length).toBeGreaterThan(0);
  });

  it('decides the task below the threshold, with a strict one-label prompt to the configured model', async () => {
    fallbackAnswer = 'reasoning';
    const decision = await route('hmm, what about the thing with the trains from yesterday');
    expect(decision).toMatchObject({ task: 'reasoning', source: 'llm', model: 'o3' });
    const call = anthropic.lastRequest().body as { model: string; max_tokens: number; system: unknown };
    expect(call.model).toBe('claude-haiku-4-5');
    expect(call.max_tokens).toBeLessThanOrEqual(16);
    expect(router.recorder.find(decision.request_id)).toMatchObject({ fallbackModel: 'claude-haiku-4-5', source: 'llm' });
  });

  it('caches answers: the same prompt does not ask twice', async () => {
    fallbackAnswer = 'creative';
    const first = await route('a prompt only asked about twice');
    const calls = anthropic.requests.length;
    const second = await route('a prompt only asked about twice');
    expect(second.task).toBe(first.task);
    expect(anthropic.requests.length).toBe(calls);
  });

  it("keeps the classifier's answer when the LLM answers something that is not a label", async () => {
    fallbackAnswer = 'I think this is probably a coding question!';
    expect(await route('Write a Python function that reverses a string.')).toMatchObject({ source: 'classifier', task: 'code' });
  });

  it("keeps the classifier's answer when the LLM is slower than its timeout", async () => {
    anthropic.configure({ fault: { kind: 'hang' } });
    try {
      const started = Date.now();
      expect(await route('Write a JavaScript function that debounces another function.')).toMatchObject({ source: 'classifier', task: 'code' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      anthropic.configure({ fault: null });
    }
  });
});
