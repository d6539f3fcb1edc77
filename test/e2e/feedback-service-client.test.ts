import type { SoftmaxTaskClassifier } from '@routewise/classifier';
import { startFakeFeedbackService, startTestRouter, type FakeFeedbackService, type TestRouter } from '@routewise/test-support';

/** The router's side of the feedback service: shipping decisions, forwarding feedback, picking up new classifiers. */
describe('router with a feedback service', () => {
  let feedback: FakeFeedbackService;
  let router: TestRouter;

  beforeAll(async () => {
    feedback = await startFakeFeedbackService();
    router = await startTestRouter({
      useEnvironmentRecorder: true,
      environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: feedback.url, ROUTEWISE_CLASSIFIER_POLL_MS: '200', ROUTEWISE_INTERNAL_TOKEN: feedback.internalToken },
    });
  });
  afterAll(async () => {
    await router.close();
    await feedback.stop();
  });

  const route = async (content: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${router.url}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { request_id: string }).request_id;
  };
  const eventually = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('ships every decision once, in batches, with its features and without the prompt text', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 30; index++) ids.push(await route(`question number ${index}: how do tides work?`, { authorization: 'Bearer team-key-1' }));
    await eventually(() => ids.every((id) => feedback.decisions.has(id)));
    expect(ids.every((id) => feedback.deliveries.get(id) === 1)).toBe(true);
    const decision = feedback.decisions.get(ids[0]!)!;
    const layout = decision['featureLayout'] as { embeddingDimension: number; ngramDimension: number; shapeFeatureCount: number };
    const features = decision['features'] as { dense: number[]; ngrams: string };
    expect(features.dense).toHaveLength(layout.embeddingDimension + layout.shapeFeatureCount);
    // Compact: the n-gram counts of a one-line question are a few hundred bytes of base64, not thousands of floats.
    const packed = Buffer.from(features.ngrams, 'base64');
    expect(packed.length % 4).toBe(0);
    expect(packed.length / 4).toBeGreaterThan(20);
    expect(features.ngrams.length).toBeLessThan(4_000);
    for (let offset = 0; offset < packed.length; offset += 4) expect(packed.readUInt32LE(offset) >>> 14).toBeLessThan(layout.ngramDimension);
    expect(decision['promptHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(decision['promptText']).toBeNull();
    expect(decision['callerKeyHash']).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(decision)).not.toContain('team-key-1');
    expect(feedback.unauthorized).toBe(0);
  });

  it('keeps routing while the feedback service is down, then delivers every buffered decision exactly once', async () => {
    await feedback.stop();
    const started = Date.now();
    const ids: string[] = [];
    for (let index = 0; index < 50; index++) ids.push(await route(`while down ${index}: write a limerick about queues`));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ids.some((id) => feedback.decisions.has(id))).toBe(false);
    const during = (await (await fetch(`${router.url}/readyz`)).json()) as { decisions: { buffered: number; dropped: number } };
    expect(during.decisions.buffered).toBeGreaterThanOrEqual(50);
    expect(during.decisions.dropped).toBe(0);
    await feedback.start();
    await eventually(() => ids.every((id) => feedback.decisions.has(id)), 15_000);
    expect(ids.map((id) => feedback.deliveries.get(id))).toEqual(ids.map(() => 1));
  });

  it('forwards feedback through the router, never ahead of its own decision', async () => {
    const response = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Write a haiku about rivers' }] }),
    });
    const requestId = response.headers.get('x-routewise-request-id')!;
    const answer = await fetch(`${router.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request_id: requestId, rating: 'down', task: 'creative' }),
    });
    expect(answer.status).toBe(200);
    expect(feedback.log.indexOf(`decision:${requestId}`)).toBeGreaterThanOrEqual(0);
    expect(feedback.log.indexOf(`decision:${requestId}`)).toBeLessThan(feedback.log.indexOf(`feedback:${requestId}`));
  });

  it('answers a retryable 503 for feedback while the service is down', async () => {
    await feedback.stop();
    try {
      const answer = await fetch(`${router.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_id: 'req_whatever', rating: 'up' }),
      });
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_ready');
    } finally {
      await feedback.start();
    }
  });

  it('swaps in a newly promoted classifier without a restart, and ignores one built for another embedder', async () => {
    const current = router.runtime.activeClassifier.current() as SoftmaxTaskClassifier;
    feedback.activeArtifact = { ...structuredClone(current.artifact), version: 'promoted-for-test-1' };
    await eventually(async () => {
      const readiness = (await (await fetch(`${router.url}/readyz`)).json()) as { classifier: { version: string } };
      return readiness.classifier.version === 'promoted-for-test-1';
    });
    await eventually(() => feedback.classifierRequests.some((request) => request.status === 304));

    const foreign = structuredClone(current.artifact);
    foreign.embedder.id = 'Xenova/some-other-model';
    feedback.activeArtifact = { ...foreign, version: 'other-embedder-2' };
    const polls = feedback.classifierRequests.length;
    await eventually(() => feedback.classifierRequests.length >= polls + 3);
    expect(router.runtime.activeClassifier.current()?.version).toBe('promoted-for-test-1');
  });

  it('is ready only once it asked the feedback service for the promoted classifier, and says where its classifier came from', async () => {
    const current = router.runtime.activeClassifier.current() as SoftmaxTaskClassifier;
    feedback.activeArtifact = { ...structuredClone(current.artifact), version: 'promoted-before-restart' };
    const restarted = await startTestRouter({
      useEnvironmentRecorder: true,
      environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: feedback.url, ROUTEWISE_INTERNAL_TOKEN: feedback.internalToken },
    });
    try {
      const readiness = (await (await fetch(`${restarted.url}/readyz`)).json()) as { status: string; classifier: { version: string; source: string; note: string } };
      expect(readiness.status).toBe('ready');
      expect(readiness.classifier).toMatchObject({ version: 'promoted-before-restart', source: 'feedback service' });
    } finally {
      await restarted.close();
    }
  });

  it('uses its local classifier, and says why, when the feedback service does not answer in time', async () => {
    await feedback.stop();
    try {
      const alone = await startTestRouter({
        useEnvironmentRecorder: true,
        environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: feedback.url, ROUTEWISE_INTERNAL_TOKEN: feedback.internalToken, ROUTEWISE_CLASSIFIER_WAIT_MS: '300' },
      });
      try {
        const readiness = (await (await fetch(`${alone.url}/readyz`)).json()) as { status: string; classifier: { source: string; note: string } };
        expect(readiness.status).toBe('ready');
        expect(readiness.classifier.source).toBe('local');
        expect(readiness.classifier.note).toMatch(/did not answer/);
      } finally {
        await alone.close();
      }
    } finally {
      await feedback.start();
    }
  });

  it('is refused with a token the feedback service does not know: feedback gets a 502 naming the variable, decisions stay buffered', async () => {
    const stranger = await startTestRouter({
      useEnvironmentRecorder: true,
      environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: feedback.url, ROUTEWISE_INTERNAL_TOKEN: 'rw-internal-not-the-right-one', ROUTEWISE_CLASSIFIER_WAIT_MS: '0' },
    });
    try {
      const refusedBefore = feedback.unauthorized;
      const response = await fetch(`${stranger.url}/v1/route`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hello there' }] }),
      });
      const requestId = response.headers.get('x-routewise-request-id')!;
      const answer = await fetch(`${stranger.url}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_id: requestId, rating: 'up' }),
      });
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toContain('ROUTEWISE_INTERNAL_TOKEN');
      expect(feedback.decisions.has(requestId)).toBe(false);
      expect(feedback.unauthorized).toBeGreaterThan(refusedBefore);
      const readiness = (await (await fetch(`${stranger.url}/readyz`)).json()) as { decisions: { buffered: number } };
      expect(readiness.decisions.buffered).toBeGreaterThanOrEqual(1);
    } finally {
      await stranger.close();
    }
  });
});
