import { createHttpService, type HttpService } from '@routewise/http';
import { createLogger } from '@routewise/telemetry';
import {
  createDatabase,
  findFeedback,
  insertClassifierVersion,
  listTrainingExamples,
  migrateToLatest,
  promoteClassifier,
  type Database,
  type Kysely,
} from '@routewise/database';
import { loadRoutewiseConfig } from '@routewise/config';
import { createFeedbackApp } from '@routewise/feedback';
import { ModelCatalog } from '@routewise/policy';
import { wireDecision as chatRequestDecision, wireFeatures, WIRE_FEATURE_LAYOUT } from './support/wire-decision';

/**
 * The decisions these tests send: a chat request routed to Llama 3.3 70B, with the tokens and cost the stats test
 * prices, a stored-prompt text the service must drop, and a caller key hash.
 */
const CHAT_ON_LLAMA = {
  confidence: 0.61,
  probabilities: { chat: 0.61, code: 0.39 },
  reason: "task 'chat' (from the classifier) maps to llama-3.3-70b-versatile",
  model: 'llama-3.3-70b-versatile',
  provider: 'groq',
  promptTokens: 20,
  completionTokens: 40,
  costUsd: 0.00004,
  classifierVersion: 'v-test',
  promptHash: 'a'.repeat(64),
  promptText: 'the secret prompt',
  callerKeyHash: '0123456789abcdef',
  features: wireFeatures([0.1, 0.2], [(3 << 14) | 1]),
};
const wireDecision = (requestId: string, overrides: Record<string, unknown> = {}) => chatRequestDecision(requestId, { ...CHAT_ON_LLAMA, ...overrides });

describe('feedback service HTTP API (PGlite)', () => {
  let db: Kysely<Database>;
  let service: HttpService;
  let url: string;
  const asRouter = { authorization: 'Bearer rw-internal-feedback-test' };
  const asAdmin = { authorization: 'Bearer rw-admin-feedback-test' };

  beforeAll(async () => {
    db = await createDatabase();
    await migrateToLatest(db);
    const app = createFeedbackApp({
      db,
      logger: createLogger({ name: 'feedback-test', level: 'silent' }),
      knownModels: new Set(['gpt-4o', 'claude-sonnet-5-5']),
      baselineModel: new ModelCatalog(loadRoutewiseConfig().catalog).get('claude-opus-4')!,
      satisfactionTarget: 0.8,
      storePrompts: false,
      decisionWaitMs: 1500,
      internalToken: 'rw-internal-feedback-test',
      adminToken: 'rw-admin-feedback-test',
    });
    service = createHttpService(app);
    url = `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await service.drain(0);
    await db.destroy();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...asRouter }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('stores decision batches once per request id and drops prompt text unless prompts are stored', async () => {
    const cascade = [{ model: 'gpt-4o-mini', passed: false, failed: 'json_schema', reason: 'not JSON', costUsd: 0.00001 }, { model: 'gpt-4o', passed: true, failed: null, reason: 'ok', costUsd: 0.0004 }];
    const batch = { decisions: [wireDecision('req_a'), wireDecision('req_b', { cascade })] };
    expect((await post('/v1/decisions', batch)).body).toEqual({ received: 2, stored: 2, rejected: [] });
    expect((await post('/v1/decisions', batch)).body).toEqual({ received: 2, stored: 0, rejected: [] });
    const row = await db.selectFrom('decisions').selectAll().where('request_id', '=', 'req_a').executeTakeFirstOrThrow();
    expect(row.prompt_text).toBeNull();
    expect(row.prompt_hash).toBe('a'.repeat(64));
    expect(row.cascade).toBeNull();
    // The feature row: its dense part as real[] (float4), its n-gram counts as sent.
    expect(row.features).toEqual([expect.closeTo(0.1, 6), expect.closeTo(0.2, 6)]);
    expect(row.ngram_counts).toBe(CHAT_ON_LLAMA.features.ngrams);
    expect(row.feature_layout).toEqual(WIRE_FEATURE_LAYOUT);
    const cascaded = await db.selectFrom('decisions').selectAll().where('request_id', '=', 'req_b').executeTakeFirstOrThrow();
    expect(cascaded.cascade).toEqual({ attempts: cascade });
  });

  it('rejects a malformed batch with a 400 naming the field, and a malformed item by its index while storing its siblings', async () => {
    const envelope = await post('/v1/decisions', { decisions: 'all of them' });
    expect(envelope.status).toBe(400);
    expect(envelope.body['error'].param).toBe('decisions');
    // Long before the stats test's default window, so these rows stay out of its numbers.
    const other = { createdAt: '2025-01-01T00:00:00.000Z' };
    const response = await post('/v1/decisions', { decisions: [wireDecision('req_good_1', other), { ...wireDecision('req_bad', other), costUsd: 'free' }, wireDecision('req_good_2', other)] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      received: 3,
      stored: 2,
      rejected: [{ index: 1, param: 'decisions[1].costUsd', message: expect.stringContaining("Invalid 'decisions[1].costUsd'") }],
    });
    const stored = await db.selectFrom('decisions').select('request_id').where('request_id', 'in', ['req_good_1', 'req_bad', 'req_good_2']).execute();
    expect(stored.map((row) => row.request_id).sort()).toEqual(['req_good_1', 'req_good_2']);
  });

  it('validates feedback: bad rating or task → 400, unknown model → 400, unknown request id → 404', async () => {
    expect((await post('/v1/feedback', { request_id: 'req_a', rating: 'meh' })).status).toBe(400);
    const badTask = await post('/v1/feedback', { request_id: 'req_a', rating: 'down', task: 'poetry' });
    expect(badTask.status).toBe(400);
    expect(badTask.body['error'].param).toBe('task');
    expect((await post('/v1/feedback', { request_id: 'req_a', rating: 'down', model: 'gpt-9' })).body['error'].param).toBe('model');
    const unknown = await post('/v1/feedback', { request_id: 'req_never_routed', rating: 'up' });
    expect(unknown.status).toBe(404);
    expect(unknown.body['error'].code).toBe('not_found');
  });

  it('stores feedback once per request: a second post updates it, and the correction becomes one training example', async () => {
    expect((await post('/v1/feedback', { request_id: 'req_a', rating: 'up' })).status).toBe(201);
    const second = await post('/v1/feedback', { request_id: 'req_a', rating: 'down', task: 'code', model: 'claude-sonnet-5-5', comment: 'it was code' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ updated: true, training_example: 'user_correction' });
    expect(await findFeedback(db, 'req_a')).toMatchObject({ rating: 'down', corrected_task: 'code', preferred_model: 'claude-sonnet-5-5' });
    const examples = (await listTrainingExamples(db, {})).filter((example) => example.request_id === 'req_a');
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatchObject({ source: 'user_correction', label: 'code', weight: 1, embedder_id: 'local:test@000000000000' });
    expect(examples[0]).toMatchObject({ features: [expect.closeTo(0.1, 6), expect.closeTo(0.2, 6)], ngram_counts: CHAT_ON_LLAMA.features.ngrams, feature_layout: WIRE_FEATURE_LAYOUT });
  });

  it('accepts feedback that arrives before its decision', async () => {
    const feedback = post('/v1/feedback', { request_id: 'req_late', rating: 'up' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await post('/v1/decisions', { decisions: [wireDecision('req_late')] });
    expect((await feedback).status).toBe(201);
  });

  it('reports spend against the baseline model per day, task, model and source', async () => {
    // req_a (down) and req_b: 20 prompt + 40 output tokens each, $0.00004 each; on Claude Opus 4 ($15/$75 per M)
    // the same tokens cost 20 × 15e-6 + 40 × 75e-6 = $0.0033 each.
    const response = await fetch(`${url}/v1/stats`, { headers: asAdmin });
    const stats = (await response.json()) as { baseline_model: string; rows: Record<string, unknown>[]; totals: Record<string, number> };
    expect(stats.baseline_model).toBe('claude-opus-4');
    const row = stats.rows.find((candidate) => candidate['task'] === 'chat' && candidate['model'] === 'llama-3.3-70b-versatile')!;
    expect(row['requests']).toBe(3);
    expect(row['cost_usd'] as number).toBeCloseTo(0.00012, 10);
    expect(row['baseline_cost_usd'] as number).toBeCloseTo(3 * 0.0033, 10);
    expect(row['thumbs_up']).toBe(1);
    expect(row['thumbs_down']).toBe(1);
    expect(row['thumbs_up_rate']).toBeCloseTo(0.5);
    expect(stats.totals['savings_usd']).toBeCloseTo(3 * 0.0033 - 0.00012, 10);
    expect((await fetch(`${url}/v1/stats?from=yesterday`, { headers: asAdmin })).status).toBe(400);
    const learned = (stats as unknown as { learned: { outcomes: Record<string, number | string>[] } }).learned.outcomes;
    // req_a was rated down, req_late up: Beta(2, 2), mean 0.5, and P(rate < 0.8) = 3·0.8² − 2·0.8³ = 0.896
    expect(learned).toEqual([expect.objectContaining({ task: 'chat', model: 'llama-3.3-70b-versatile', ups: 1, downs: 1, posterior_mean: 0.5 })]);
    expect(learned[0]!['probability_below_target'] as number).toBeCloseTo(0.896, 3);
  });

  it('serves thumbs per task and model for learned routing, with an ETag', async () => {
    const first = await fetch(`${url}/v1/routing/outcomes`, { headers: asRouter });
    expect(await first.json()).toEqual({ outcomes: [{ task: 'chat', model: 'llama-3.3-70b-versatile', ups: 1, downs: 1 }] });
    expect((await fetch(`${url}/v1/routing/outcomes`, { headers: { ...asRouter, 'if-none-match': first.headers.get('etag')! } })).status).toBe(304);
  });

  it('serves the active classifier with an ETag and answers 304 when unchanged', async () => {
    expect((await fetch(`${url}/v1/classifier/active`, { headers: asRouter })).status).toBe(404);
    await insertClassifierVersion(db, { version: 'v-1', embedder_id: 'local:test@000000000000', artifact: { version: 'v-1' }, metrics: {}, status: 'candidate' });
    await promoteClassifier(db, 'v-1');
    const first = await fetch(`${url}/v1/classifier/active`, { headers: asRouter });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"v-1"');
    expect(await first.json()).toEqual({ version: 'v-1' });
    expect((await fetch(`${url}/v1/classifier/active`, { headers: { ...asRouter, 'if-none-match': '"v-1"' } })).status).toBe(304);
  });
});
