import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import { errorMiddleware } from '@routewise/errors';
import { createHttpService, jsonBodyParser, type HttpService } from '../src/index';
import { rawRequest, type RawResponse } from '@routewise/test-support';

const silentLogger = { error: () => undefined };
const LIMITS = { maxBytes: 64 * 1024, maxDepth: 16, maxValues: 1_000 };

describe('jsonBodyParser on a real server', () => {
  let service: HttpService;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.post('/echo', jsonBodyParser(LIMITS), (request, response) => void response.json({ body: request.body ?? null }));
    app.use(errorMiddleware(silentLogger));
    service = createHttpService(app);
    url = `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => service.drain(1_000));

  const post = (body: Buffer | string, headers: Record<string, string> = {}) =>
    rawRequest(url, { path: '/echo', headers: { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(body)) }, body });

  const expectError = (response: RawResponse, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = response.json() as { error: { message: string; type: string; code: string; param: string | null } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    return body.error;
  };

  const payload = { model: 'auto', messages: [{ role: 'user', content: 'héllo 中文 😀' }] };

  it('reads plain, gzip, x-gzip, deflate and br bodies alike', async () => {
    const text = JSON.stringify(payload);
    const encodings: [string, Buffer][] = [
      ['identity', Buffer.from(text)],
      ['gzip', gzipSync(text)],
      ['x-gzip', gzipSync(text)],
      ['deflate', deflateSync(text)],
      ['br', brotliCompressSync(text)],
      ['GZIP ', gzipSync(text)],
    ];
    for (const [encoding, body] of encodings) {
      const response = await post(body, { 'content-encoding': encoding });
      expect([encoding, response.status]).toEqual([encoding, 200]);
      expect(response.json()).toEqual({ body: payload });
    }
  });

  it('answers a body that is not what its Content-Encoding says with a 400, not a 500', async () => {
    const plain = expectError(await post(JSON.stringify(payload), { 'content-encoding': 'gzip' }), 400, 'invalid_content_encoding');
    expect(plain.message).toContain('gzip');
    const gzipped = gzipSync(JSON.stringify(payload));
    expectError(await post(gzipped.subarray(0, gzipped.length - 12), { 'content-encoding': 'gzip' }), 400, 'invalid_content_encoding');
    expectError(await post(Buffer.from('not brotli at all'), { 'content-encoding': 'br' }), 400, 'invalid_content_encoding');
  });

  it('answers encodings and charsets it cannot read with a 415', async () => {
    expect(expectError(await post('{}', { 'content-encoding': 'zstd' }), 415, 'unsupported_media_type').message).toContain('zstd');
    expect(expectError(await post('{}', { 'content-encoding': 'gzip, br' }), 415, 'unsupported_media_type').message).toContain('one at a time');
    expectError(await post('{}', { 'content-type': 'application/json; charset=utf-16' }), 415, 'unsupported_media_type');
    expect((await post('{"a":1}', { 'content-type': 'text/plain; charset=UTF-8' })).json()).toEqual({ body: { a: 1 } });
  });

  it('counts the limit after decompression, so a small gzip bomb is a 413', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ content: 'x'.repeat(10 * LIMITS.maxBytes) })));
    expect(bomb.length).toBeLessThan(LIMITS.maxBytes / 10);
    expectError(await post(bomb, { 'content-encoding': 'gzip' }), 413, 'request_too_large');
    expectError(await post('x'.repeat(LIMITS.maxBytes + 1)), 413, 'request_too_large');
  });

  it('refuses deep, wide and prototype-polluting bodies with a 400 naming the field', async () => {
    const deep = expectError(await post(`{"tools":[{"function":{"parameters":${'{"a":'.repeat(20)}1${'}'.repeat(20)}}}]}`), 400, 'invalid_request');
    expect(deep.param).toBe('tools[0].function.parameters.a.a.a.a…');
    expectError(await post(`[${'1,'.repeat(LIMITS.maxValues)}1]`), 400, 'invalid_request');
    expect(expectError(await post('{"messages":[{"__proto__":{"role":"system"}}]}'), 400, 'invalid_request').param).toBe('messages[0].__proto__');
  });

  it('answers malformed JSON with a 400 and an empty body with no body at all', async () => {
    expectError(await post('{"model": "auto", "messages": [}'), 400, 'invalid_json');
    expectError(await post('\u0000'), 400, 'invalid_json');
    expect((await post('')).json()).toEqual({ body: null });
    expect((await post('\ufeff{"a":1}')).json()).toEqual({ body: { a: 1 } });
  });

  it('keeps serving after all of the above', async () => {
    const response = await post(JSON.stringify(payload));
    expect(response.status).toBe(200);
    expect(service.inFlight()).toBe(0);
  });
});
