import { findFeedback, listTrainingExamples, type Database, type Kysely } from '@routewise/database';
import { startTestFeedbackService, startTestRouter, type TestFeedbackService, type TestRouter } from '@routewise/test-support';

/** The real router and the real feedback service (on PGlite): a thumbs-down with a task becomes a training example. */
describe('router → feedback service', () => {
  let service: TestFeedbackService;
  let db: Kysely<Database>;
  let router: TestRouter;

  beforeAll(async () => {
    service = await startTestFeedbackService();
    db = service.db;
    router = await startTestRouter({ useEnvironmentRecorder: true, environment: { FEEDBACK_ENABLED: 'true', FEEDBACK_URL: service.url, ROUTEWISE_INTERNAL_TOKEN: service.internalToken } });
  });
  afterAll(async () => {
    await router.close();
    await service.close();
  });

  it('answers, records the decision, and stores feedback sent right after the answer through the router', async () => {
    const answer = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hmm what about the quarterly numbers' }] }),
    });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-routewise-request-id')!;

    const feedback = await fetch(`${router.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request_id: requestId, rating: 'down', task: 'summarize', comment: 'it was a report' }),
    });
    expect(feedback.status).toBe(201);
    expect(await findFeedback(db, requestId)).toMatchObject({ rating: 'down', corrected_task: 'summarize' });
    const decision = await db.selectFrom('decisions').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(decision.prompt_text).toBeNull();
    expect(decision.features?.length).toBe(decision.feature_layout!.embeddingDimension + decision.feature_layout!.shapeFeatureCount);
    expect(decision.ngram_counts).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const [example] = (await listTrainingExamples(db, {})).filter((row) => row.request_id === requestId);
    expect(example).toMatchObject({ source: 'user_correction', label: 'summarize', embedder_id: decision.embedder_id });
  });

  it('passes the service’s validation errors back unchanged', async () => {
    const response = await fetch(`${router.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request_id: 'req_unknown', rating: 'sideways' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('rating');
  });
});
