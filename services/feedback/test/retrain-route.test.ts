import { listClassifierVersions, type Database, type Kysely } from '@routewise/database';
import { startTestFeedbackService, type TestFeedbackService } from '@routewise/test-support';

/** POST /v1/retrain on the real app, database (PGlite) and embedder. */
describe('POST /v1/retrain', () => {
  let service: TestFeedbackService;
  let db: Kysely<Database>;
  let url: string;

  beforeAll(async () => {
    service = await startTestFeedbackService({ decisionWaitMs: 100, retraining: { marginMacroF1: 0.01 } });
    db = service.db;
    url = `${service.url}/v1/retrain`;
  });
  afterAll(() => service.close());

  const retrain = (body: unknown, token: string | null = service.adminToken) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it('needs the admin token: no token, a wrong one and the internal token routers send are all refused', async () => {
    for (const token of [null, 'wrong', service.internalToken]) {
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
  }, 600_000);
});
