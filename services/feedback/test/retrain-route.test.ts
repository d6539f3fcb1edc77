import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { loadRoutewiseConfig } from '@routewise/config';
import { createDatabase, listClassifierVersions, migrateToLatest, type Database, type Kysely } from '@routewise/database';
import { loadEmbedder, type Embedder } from '@routewise/embedder';
import { createFeedbackApp, RetrainCoordinator } from '@routewise/feedback';
import { ModelCatalog } from '@routewise/policy';
import { createLogger } from '@routewise/telemetry';
import { REPO_ROOT, SHARED_STATIC_MODEL } from '@routewise/test-support';

/** POST /v1/retrain on the real app, database (PGlite) and embedder. */
describe('POST /v1/retrain', () => {
  let db: Kysely<Database>;
  let embedder: Embedder;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    db = await createDatabase();
    await migrateToLatest(db);
    embedder = (await loadEmbedder({ modelDirectory: SHARED_STATIC_MODEL, allowRemoteModels: false })).embedder;
    const config = loadRoutewiseConfig();
    const logger = createLogger({ name: 'feedback-test', level: 'silent' });
    const app = createFeedbackApp({
      db,
      logger,
      knownModels: new Set(Object.keys(config.catalog)),
      baselineModel: new ModelCatalog(config.catalog).get('claude-opus-4')!,
      satisfactionTarget: 0.8,
      storePrompts: false,
      decisionWaitMs: 100,
      retraining: new RetrainCoordinator({ db, embedder, trainingDirectory: path.join(REPO_ROOT, 'data/prompts'), marginMacroF1: 0.01, logger }),
      adminToken: 'secret-admin',
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/retrain`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await embedder.close();
    await db.destroy();
  });

  const retrain = (body: unknown, token: string | null = 'secret-admin') =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it('needs the admin token', async () => {
    for (const token of [null, 'wrong']) {
      const response = await retrain({ dry_run: true }, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('rejects an unknown field', async () => {
    expect((await retrain({ dryRun: true })).status).toBe(400);
  });

  it('runs one retrain at a time: a concurrent request gets 409, and a dry run stores nothing', async () => {
    const [first, second] = await Promise.all([retrain({ dry_run: true }), retrain({ dry_run: true })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const report = (await (first.status === 200 ? first : second).json()) as { dryRun: boolean; storedStatus: null; decision: string };
    expect(report).toMatchObject({ dryRun: true, storedStatus: null });
    expect(await listClassifierVersions(db)).toEqual([]);
    expect((await retrain({})).status).toBe(200);
    expect((await listClassifierVersions(db)).map((version) => version.status)).toEqual(['active']);
  });
});
