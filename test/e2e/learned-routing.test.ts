import { startTestFeedbackService, startTestRouter, type TestFeedbackService, type TestRouter } from '@routewise/test-support';

/** Users keep rating a task's answers down → the router moves that task a tier up, with source "learned". */
describe('learned model choice', () => {
  let service: TestFeedbackService;
  let router: TestRouter;

  // Exactly this many thumbs-down: before the last one no posterior can be credibly below target, so every answer in
  // the loop is still the classifier's; after it the router must move the task up.
  const MIN_RATINGS = 10;

  beforeAll(async () => {
    service = await startTestFeedbackService();
    router = await startTestRouter({
      useEnvironmentRecorder: true,
      environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: service.url, ROUTEWISE_CLASSIFIER_POLL_MS: '200', ROUTEWISE_INTERNAL_TOKEN: service.internalToken },
      configure: (config) => {
        config.learning.exploration_rate = 0;
        config.learning.min_ratings = MIN_RATINGS;
      },
    });
  });
  afterAll(async () => {
    await router.close();
    await service.close();
  });

  const ask = async (content: string) => {
    const response = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
    });
    return {
      requestId: response.headers.get('x-routewise-request-id')!,
      task: response.headers.get('x-routewise-task'),
      model: response.headers.get('x-routewise-model'),
      source: response.headers.get('x-routewise-route-source'),
    };
  };

  it('moves code up a tier after enough thumbs-down, and shows why in /v1/route and /v1/stats', async () => {
    for (let index = 0; index < MIN_RATINGS; index++) {
      const answer = await ask(`Write a Python function number ${index} that removes duplicates from a list while keeping order.`);
      expect(answer).toMatchObject({ task: 'code', model: 'claude-sonnet-5-5', source: 'classifier' });
      const feedback = await fetch(`${router.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_id: answer.requestId, rating: 'down' }),
      });
      expect(feedback.status).toBe(201);
    }
    const deadline = Date.now() + 5000;
    let decision: { source: string; model: string; reason: string } | null = null;
    while (Date.now() < deadline) {
      const response = await fetch(`${router.url}/v1/route`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that removes duplicates from a list, keeping the first occurrence.' }] }),
      });
      decision = (await response.json()) as { source: string; model: string; reason: string };
      if (decision.source === 'learned') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(decision?.source).toBe('learned');
    // The cheapest tier-4 model for this request (o3 with the shipped prices), one tier above Sonnet's tier 3.
    expect(decision!.reason).toContain(`credibly below the 80% target; moved up a tier to ${decision!.model}`);
    expect(['o3', 'gpt-5', 'gemini-2.5-pro', 'claude-opus-5-5', 'claude-opus-4-6']).toContain(decision!.model);
    const stats = (await (await fetch(`${service.url}/v1/stats`, { headers: service.asAdmin })).json()) as { learned: { outcomes: { task: string; model: string; downs: number; probability_below_target: number }[] } };
    expect(stats.learned.outcomes).toContainEqual(expect.objectContaining({ task: 'code', model: 'claude-sonnet-5-5', downs: MIN_RATINGS }));
  });
});
