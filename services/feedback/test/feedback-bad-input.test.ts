import { gzipSync } from 'node:zlib';
import { sql } from '@routewise/database';
import { storeDecisionBatch } from '@routewise/feedback';
import { rawRequest, startTestFeedbackService, type RawResponse, type TestFeedbackService } from '@routewise/test-support';
import { wireDecision } from './support/wire-decision';

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

/** Every client mistake the feedback service can be sent is a 4xx with an OpenAI-style body, never a 500. */
describe('feedback service: bad input and closed doors', () => {
  let service: TestFeedbackService;

  beforeAll(async () => {
    service = await startTestFeedbackService({ decisionWaitMs: 50 });
    const seeded = await post('/v1/decisions', { decisions: [wireDecision('req_known'), wireDecision('req_commented')] });
    expect(seeded.json()).toMatchObject({ stored: 2 });
  });
  afterAll(() => service.close());

  function post(path: string, body: unknown, headers: Record<string, string> = service.asRouter, encode = (text: string): Buffer | string => text) {
    const bytes = encode(typeof body === 'string' ? body : JSON.stringify(body));
    return rawRequest(service.url, { path, headers: { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(bytes)) }, body: bytes });
  }
  const get = (path: string, headers: Record<string, string> = service.asAdmin) => rawRequest(service.url, { method: 'GET', path, headers });
  const expectError = (response: RawResponse, status: number, code: string, param?: string | null) => {
    expect({ status: response.status, body: response.text.slice(0, 300) }).toMatchObject({ status });
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe(code);
    if (param !== undefined) expect(body.error.param).toBe(param);
    return body.error;
  };

  describe('tokens', () => {
    it('refuses decisions and feedback without the internal token, and the polled resources too', async () => {
      const refused: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token-at-all' }, { authorization: `Basic ${service.internalToken}` }];
      for (const headers of refused) {
        expect(expectError(await post('/v1/decisions', { decisions: [wireDecision('req_forged')] }, headers), 401, 'unauthorized').message).toContain('internal token');
        expectError(await post('/v1/feedback', { request_id: 'req_known', rating: 'down', task: 'creative' }, headers), 401, 'unauthorized');
        expectError(await get('/v1/classifier/active', headers), 401, 'unauthorized');
        expectError(await get('/v1/routing/outcomes', headers), 401, 'unauthorized');
      }
      const stored = await service.db.selectFrom('decisions').select('request_id').where('request_id', '=', 'req_forged').execute();
      expect(stored).toEqual([]);
      expect(await service.db.selectFrom('feedback').selectAll().execute()).toEqual([]);
    });

    it('keeps retraining and stats for the admin token: the internal token does not open them', async () => {
      expectError(await post('/v1/retrain', { dry_run: true }, service.asRouter), 401, 'unauthorized');
      expectError(await post('/v1/retrain', { dry_run: true }, {}), 401, 'unauthorized');
      expectError(await get('/v1/stats', service.asRouter), 401, 'unauthorized');
      expect((await get('/v1/stats', service.asAdmin)).status).toBe(200);
      expect((await get('/v1/routing/outcomes', service.asAdmin)).status).toBe(200);
      expect((await get('/healthz', {})).status).toBe(200);
    });

    it('checks the token before it reads the body', async () => {
      expectError(await post('/v1/decisions', '{"decisions": [' + '['.repeat(100_000), {}), 401, 'unauthorized');
    });
  });

  describe('bodies', () => {
    it('answers a body that is not gzip, or is cut short, with a 400 and an unknown encoding with a 415', async () => {
      const feedback = { request_id: 'req_known', rating: 'up' };
      expectError(await post('/v1/feedback', feedback, { ...service.asRouter, 'content-encoding': 'gzip' }), 400, 'invalid_content_encoding');
      const truncated = (text: string) => gzipSync(text).subarray(0, 20);
      expectError(await post('/v1/feedback', feedback, { ...service.asRouter, 'content-encoding': 'gzip' }, truncated), 400, 'invalid_content_encoding');
      expectError(await post('/v1/feedback', feedback, { ...service.asRouter, 'content-encoding': 'compress' }), 415, 'unsupported_media_type');
      expect((await post('/v1/feedback', feedback, { ...service.asRouter, 'content-encoding': 'gzip' }, (text) => gzipSync(text))).status).toBe(201);
    });

    it('answers oversized headers with a 431 and a JSON body', async () => {
      const response = await get('/healthz', { 'x-filler': 'f'.repeat(32 * 1024) });
      expect(response.status).toBe(431);
      expect((response.json() as ErrorBody).error.code).toBe('headers_too_large');
    });
  });

  describe('feedback fields', () => {
    it('names each problem with a request id precisely', async () => {
      const message = async (requestId: unknown) => expectError(await post('/v1/feedback', { request_id: requestId, rating: 'up' }), 400, 'invalid_request', 'request_id').message;
      expect(await message(12345)).toBe("Invalid 'request_id': must be a string");
      expect(await message('r'.repeat(201))).toBe("Invalid 'request_id': must be at most 200 characters (got 201)");
      expect(await message('')).toBe("Invalid 'request_id': must not be empty");
      expect(await message('req with spaces')).toContain('printable ASCII');
      expect(await message('req_\u0000')).toContain('printable ASCII');
      expect(expectError(await post('/v1/feedback', { rating: 'up' }), 400, 'invalid_request', 'request_id').message).toBe("Invalid 'request_id': is required");
    });

    it('refuses NUL and lone surrogates in a comment, saying which and where, and stores nothing', async () => {
      const nul = expectError(await post('/v1/feedback', { request_id: 'req_commented', rating: 'up', comment: 'fine\u0000answer' }), 400, 'invalid_request', 'comment');
      expect(nul.message).toBe("Invalid 'comment': must not contain the NUL character (U+0000, at position 4)");
      const surrogate = expectError(await post('/v1/feedback', { request_id: 'req_commented', rating: 'up', comment: 'half an emoji \ud83d' }), 400, 'invalid_request', 'comment');
      expect(surrogate.message).toContain('lone surrogate (U+D83D) is at position 14');
      expect(await service.db.selectFrom('feedback').selectAll().where('request_id', '=', 'req_commented').execute()).toEqual([]);
      expect((await post('/v1/feedback', { request_id: 'req_commented', rating: 'up', comment: 'emoji are fine 😀, so is 中文' })).status).toBe(201);
    });
  });

  describe('decision batches', () => {
    it('stores the valid items of a batch and reports each invalid one by index', async () => {
      const response = await post('/v1/decisions', {
        decisions: [
          wireDecision('req_batch_ok_1'),
          wireDecision('req_batch_nul', { promptText: 'a\u0000b' }),
          wireDecision('req_batch_huge', { promptTokens: 3_000_000_000 }),
          wireDecision('req_batch_ok_2'),
          wireDecision('req_batch_task', { task: 'poetry' }),
          wireDecision('req_batch_real', { features: { dense: [1e39], ngrams: '' } }),
          'not a decision',
          wireDecision('req_batch_ngrams', { features: { dense: [0.5, 1], ngrams: 'not base64!' } }),
          // Base64, but of 2 bytes: not a whole 32-bit entry.
          wireDecision('req_batch_partial', { features: { dense: [0.5, 1], ngrams: 'AAA=' } }),
        ],
      });
      expect(response.status).toBe(200);
      const body = response.json() as { received: number; stored: number; rejected: { index: number; param: string; message: string }[] };
      expect(body.received).toBe(9);
      expect(body.stored).toBe(2);
      expect(body.rejected.map((item) => [item.index, item.param])).toEqual([
        [1, 'decisions[1].promptText'],
        [2, 'decisions[2].promptTokens'],
        [4, 'decisions[4].task'],
        [5, 'decisions[5].features.dense[0]'],
        [6, 'decisions[6]'],
        [7, 'decisions[7].features.ngrams'],
        [8, 'decisions[8].features.ngrams'],
      ]);
      expect(body.rejected[5]!.message).toContain('must be base64');
      expect(body.rejected[6]!.message).toContain('whole 32-bit entries');
      const stored = await service.db.selectFrom('decisions').select('request_id').where('request_id', 'like', 'req_batch_%').orderBy('request_id').execute();
      expect(stored.map((row) => row.request_id)).toEqual(['req_batch_ok_1', 'req_batch_ok_2']);
    });

    it('stores the rest one by one when the database refuses an item the schema let through', async () => {
      await sql`alter table decisions add constraint test_refuses_one_reason check (reason <> 'the database says no')`.execute(service.db);
      try {
        const batch = await storeDecisionBatch(service.db, [wireDecision('req_iso_1'), wireDecision('req_iso_bad', { reason: 'the database says no' }), wireDecision('req_iso_2')], false);
        expect(batch.stored).toBe(2);
        expect(batch.rejected).toEqual([{ index: 1, param: 'decisions[1]', message: expect.stringContaining('test_refuses_one_reason') }]);
      } finally {
        await sql`alter table decisions drop constraint test_refuses_one_reason`.execute(service.db);
      }
    });
  });

  describe('stats dates', () => {
    it.each([
      ['to', '99999-01-01'],
      ['from', '-271821-04-20'],
      ['from', '2026-13-45'],
      ['to', '2026-02-30'],
      ['to', '2026-11-27T25:00:00Z'],
      ['from', '1969-12-31'],
    ])('answers %s=%s with a 400 naming it', async (name, value) => {
      expectError(await get(`/v1/stats?${name}=${encodeURIComponent(value)}`), 400, 'invalid_request', name);
    });

    it('answers a repeated parameter with a 400 and accepts days and times with offsets', async () => {
      expectError(await get('/v1/stats?to=2026-12-01&to=2026-12-02'), 400, 'invalid_request', 'to');
      expect((await get('/v1/stats?from=2026-11-01&to=2026-12-01T12:30:00%2B01:00')).status).toBe(200);
      expect((await get('/v1/stats?from=1970-01-01&to=9999-12-31')).status).toBe(200);
    });
  });
});
