import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, type TracingHandle } from '@routewise/telemetry';
import { startFakeOpenAIServer, startTestRouter, type FakeOpenAIServer, type TestRouter } from '@routewise/test-support';

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle;
  let upstream: FakeOpenAIServer;
  let router: TestRouter;
  const key = 'sk-tracing-secret-123456';

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'routewise-router-test', exporter });
    upstream = await startFakeOpenAIServer({ content: 'traced answer' });
    router = await startTestRouter({ environment: { OPENAI_API_KEY: key, OPENAI_BASE_URL: upstream.url } });
  });
  afterAll(async () => {
    await router.close();
    await upstream.close();
    await tracing.shutdown();
  });

  it('records the routing decision and the provider call, and never a key', async () => {
    exporter.reset();
    const response = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const route = spans.find((span) => span.name === 'routewise.route');
    const dispatch = spans.find((span) => span.name === 'routewise.dispatch');
    expect(route?.attributes).toMatchObject({ 'routewise.model': 'gpt-4o-mini', 'routewise.route_source': 'pinned' });
    expect(dispatch?.attributes).toMatchObject({ 'routewise.provider': 'openai', 'routewise.simulated': false });
    expect(JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]))).not.toContain(key);
  });
});
