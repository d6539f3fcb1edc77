import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { loadRoutewiseConfig } from '@routewise/config';
import { createDatabase, insertDecisions, migrateToLatest, type NewDecision } from '@routewise/database';
import { encodeNgramCounts, NGRAM_SCHEME } from '@routewise/embedder';
import { createFeedbackApp } from '@routewise/feedback';
import { createHttpService } from '@routewise/http';
import { ModelCatalog } from '@routewise/policy';
import { createLogger } from '@routewise/telemetry';
import { fixed, formatTable } from '../console-table';

/**
 * `pnpm bench:feedback`: the feedback service in-process on PGlite (default, in memory) or on the Postgres in
 * DATABASE_URL, loaded by autocannon with POST /v1/feedback, each for a different request id, at 50 connections.
 * Every acknowledged post is a committed transaction (feedback row + training example).
 */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 50);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 10_000);

async function main(): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'];
  const db = await createDatabase(databaseUrl ? { url: databaseUrl } : {});
  await migrateToLatest(db);
  const runId = Date.now().toString(36);
  const ids = Array.from({ length: REQUESTS }, (_, index) => `bench_${runId}_${index}`);
  for (let start = 0; start < ids.length; start += 1000) await insertDecisions(db, ids.slice(start, start + 1000).map(decisionRow));

  const config = loadRoutewiseConfig();
  const internalToken = `rw-internal-bench-${randomBytes(12).toString('hex')}`;
  const app = createFeedbackApp({
    db,
    logger: createLogger({ name: 'bench', level: 'silent' }),
    knownModels: new Set(Object.keys(config.catalog)),
    baselineModel: new ModelCatalog(config.catalog).get('claude-opus-4')!,
    satisfactionTarget: 0.8,
    storePrompts: false,
    decisionWaitMs: 0,
    internalToken,
    adminToken: `rw-admin-bench-${randomBytes(12).toString('hex')}`,
  });
  const service = createHttpService(app);
  const port = await service.listen(0, '127.0.0.1');
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/feedback`,
    method: 'POST',
    connections: CONCURRENCY,
    amount: REQUESTS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${internalToken}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ request_id: ids[next++ % ids.length], rating: next % 2 ? 'up' : 'down', task: 'code' }) }) }],
  });
  const stored = Number((await db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('count')).where('request_id', 'like', `bench_${runId}_%`).executeTakeFirstOrThrow()).count);
  console.log(`${databaseUrl ? 'Postgres (DATABASE_URL)' : 'PGlite (in memory)'}, ${REQUESTS} posts, ${CONCURRENCY} connections, node ${process.version}`);
  console.log(formatTable(
    ['database', 'posts/s', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'rows stored'],
    [[databaseUrl ? 'Postgres' : 'PGlite', fixed(result.requests.average, 0), result.latency.p50, result.latency.p90, result.latency.p99, result.non2xx + result.errors, stored]],
  ));
  await service.drain(0);
  await db.destroy();
}

/** Two packed n-gram entries (bucket << 14 | count), base64: the feature row's sparse part, as routers send it. */
const BENCH_NGRAM_COUNTS = encodeNgramCounts(Uint32Array.of((1 << 14) | 1, (5 << 14) | 2));

function decisionRow(requestId: string): NewDecision {
  return {
    request_id: requestId, created_at: new Date(), kind: 'completion', task: 'chat', confidence: 0.9, probabilities: { chat: 0.9 },
    classifier_task: 'chat', source: 'classifier', reason: 'bench', rule: null, model: 'gpt-4o', provider: 'openai', fallback_model: null,
    fallback_cost_usd: 0, stream: false, simulated: true, user_tier: null, caller_key_hash: null, prompt_tokens: 10, completion_tokens: 10,
    cached_input_tokens: 0, reasoning_tokens: 0, cost_usd: 0.0001, cost_estimated: false, routing_ms: 1, upstream_ms: 1, total_ms: 2,
    embedder_id: 'bench', classifier_version: 'bench', status: 'ok', error_code: null, prompt_hash: 'c'.repeat(64), prompt_text: null,
    features: [0.5, 1], ngram_counts: BENCH_NGRAM_COUNTS, feature_layout: { embeddingDimension: 1, ngramDimension: 8, ngramScheme: NGRAM_SCHEME, shapeFeatureCount: 1 },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
