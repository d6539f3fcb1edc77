import { gzipSync } from 'node:zlib';
import { rawRequest, startTestRouter, type TestRouter } from '@routewise/test-support';

/** Every client mistake gets a 4xx with an OpenAI-style error body, and the process keeps serving. */
describe('bad input on POST /v1/chat/completions', () => {
  let router: TestRouter;

  beforeAll(async () => {
    router = await startTestRouter({ environment: { STORE_PROMPTS: 'true' }, configure: (config) => void (config.server.max_body_bytes = 64 * 1024) });
  });
  afterAll(() => router.close());

  const post = (body: string, path = '/v1/chat/completions', headers: Record<string, string> = {}) =>
    fetch(`${router.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  const expectError = async (response: Response, status: number, code: string, param?: string | null) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { message: string; type: string; code: string; param: string | null } };
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(body.error.type).toBe(status === 404 ? 'not_found_error' : 'invalid_request_error');
    if (param !== undefined) expect(body.error.param).toBe(param);
    return body.error;
  };

  const valid = { model: 'auto', messages: [{ role: 'user', content: 'hello' }] };

  it('malformed JSON → 400 invalid_json', async () => {
    await expectError(await post('{"model": "auto", "messages": [}'), 400, 'invalid_json');
  });

  it('a body that is not an object → 400', async () => {
    await expectError(await post('[1,2,3]'), 400, 'invalid_request');
    await expectError(await post('"hello"'), 400, 'invalid_request');
  });

  it('missing or empty messages → 400 naming messages', async () => {
    await expectError(await post(JSON.stringify({ model: 'auto' })), 400, 'invalid_request', 'messages');
    const error = await expectError(await post(JSON.stringify({ model: 'auto', messages: [] })), 400, 'invalid_request', 'messages');
    expect(error.message).toContain('must not be empty');
  });

  it('missing model → 400 naming model', async () => {
    await expectError(await post(JSON.stringify({ messages: valid.messages })), 400, 'invalid_request', 'model');
  });

  it('an unknown role → 400 naming the message', async () => {
    const error = await expectError(
      await post(JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }, { role: 'wizard', content: 'abracadabra' }] })),
      400,
      'invalid_request',
    );
    expect(error.param).toMatch(/^messages\[1\]/);
    expect(error.message).toContain("role must be one of 'system', 'developer', 'user', 'assistant', 'tool'");
  });

  it('non-string content where text is required → 400', async () => {
    await expectError(await post(JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 42 }] })), 400, 'invalid_request', 'messages[0].content');
    await expectError(await post(JSON.stringify({ model: 'auto', messages: [{ role: 'system', content: { text: 'x' } }, { role: 'user', content: 'hi' }] })), 400, 'invalid_request', 'messages[0].content');
    await expectError(await post(JSON.stringify({ model: 'auto', messages: [{ role: 'tool', content: 'result' }] })), 400, 'invalid_request', 'messages[0].tool_call_id');
  });

  it('an unknown pinned model → 404 model_not_found', async () => {
    const error = await expectError(await post(JSON.stringify({ ...valid, model: 'gpt-9-ultra' })), 404, 'model_not_found', 'model');
    expect(error.message).toContain('gpt-9-ultra');
  });

  it('a body over the limit → 413', async () => {
    const big = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] });
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('a bad routing header → 400 naming it', async () => {
    await expectError(await post(JSON.stringify(valid), '/v1/chat/completions', { 'x-routewise-task': 'poetry' }), 400, 'invalid_request', 'x-routewise-task');
    await expectError(await post(JSON.stringify(valid), '/v1/route', { 'x-routewise-latency': 'instant' }), 400, 'invalid_request', 'x-routewise-latency');
  });

  it('n > 1 and bad types in known fields → 400', async () => {
    await expectError(await post(JSON.stringify({ ...valid, n: 3 })), 400, 'invalid_request', 'n');
    await expectError(await post(JSON.stringify({ ...valid, stream: 'yes' })), 400, 'invalid_request', 'stream');
    await expectError(await post(JSON.stringify({ ...valid, max_tokens: -5 })), 400, 'invalid_request', 'max_tokens');
  });

  it('unknown paths → 404 in the same error format', async () => {
    const response = await fetch(`${router.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    await expectError(response, 404, 'not_found');
  });

  it('a body its Content-Encoding does not describe → 400; an encoding or charset it cannot read → 415', async () => {
    const body = JSON.stringify(valid);
    await expectError(await post(body, '/v1/chat/completions', { 'content-encoding': 'gzip' }), 400, 'invalid_content_encoding');
    const cut = gzipSync(body).subarray(0, 16);
    const response = await rawRequest(router.url, { path: '/v1/route', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(cut.length) }, body: cut });
    expect(response.status).toBe(400);
    expect((response.json() as { error: { code: string } }).error.code).toBe('invalid_content_encoding');
    expect((await post(body, '/v1/route', { 'content-encoding': 'zstd' })).status).toBe(415);
    expect((await post(body, '/v1/route', { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
    const gzipped = gzipSync(body);
    const ok = await rawRequest(router.url, { path: '/v1/route', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gzipped.length) }, body: gzipped });
    expect(ok.status).toBe(200);
  });

  it('tool parameters nested thousands of levels deep → 400 naming the field, not a 500', async () => {
    const deep = `{"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"a":'.repeat(4_500)}1${'}'.repeat(4_500)}}}]}`;
    const error = await expectError(await post(deep), 400, 'invalid_request', 'tools[0].function.parameters.a.a.a.a…');
    expect(error.message).toContain('nested more than 64 levels');
  });

  it('a function tool without its function, or a tool_choice of no known shape → 400 naming the field', async () => {
    await expectError(await post(JSON.stringify({ ...valid, tools: [{ type: 'function' }] })), 400, 'invalid_request', 'tools[0].function');
    await expectError(await post(JSON.stringify({ ...valid, tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: { type: 'function' } })), 400, 'invalid_request', 'tool_choice');
    await expectError(await post(JSON.stringify({ ...valid, stop: [1, 2] })), 400, 'invalid_request', 'stop');
  });

  it('a __proto__ key anywhere → 400 naming it', async () => {
    await expectError(await post('{"model":"auto","messages":[{"role":"user","content":"hi","__proto__":{"role":"system"}}]}'), 400, 'invalid_request', 'messages[0].__proto__');
  });

  it('oversized headers → 431 with a JSON body', async () => {
    const response = await rawRequest(router.url, { path: '/v1/route', headers: { 'content-type': 'application/json', 'x-filler': 'f'.repeat(20_000) }, body: JSON.stringify(valid) });
    expect(response.status).toBe(431);
    expect((response.json() as { error: { code: string; type: string } }).error).toMatchObject({ code: 'headers_too_large', type: 'invalid_request_error' });
  });

  it('a user tier that is not a tier name → 400 naming the header', async () => {
    await expectError(await post(JSON.stringify(valid), '/v1/route', { 'x-routewise-user-tier': 'x'.repeat(65) }), 400, 'invalid_request', 'x-routewise-user-tier');
    await expectError(await post(JSON.stringify(valid), '/v1/route', { 'x-routewise-user-tier': 'gold plus' }), 400, 'invalid_request', 'x-routewise-user-tier');
    expect((await post(JSON.stringify(valid), '/v1/route', { 'x-routewise-user-tier': 'enterprise_2026' })).status).toBe(200);
  });

  it('routes a prompt with NUL and a lone surrogate unchanged, and records it cleaned for storage', async () => {
    // JSON.stringify escapes both as \u0000 and \ud83d, which is how a client sends them.
    const response = await post(JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'translate this\u0000 and this \ud83d please' }] }), '/v1/route');
    expect(response.status).toBe(200);
    const { request_id: requestId } = (await response.json()) as { request_id: string };
    const record = router.recorder.decisions.find((decision) => decision.requestId === requestId)!;
    expect(record.promptText).toBe('translate this and this \ufffd please');
  });

  it('none of the above crashed the process or produced a 500, and routing still works', async () => {
    const response = await post(JSON.stringify({ ...valid }), '/v1/route');
    expect(response.status).toBe(200);
    expect(router.logs()).not.toContain('unhandled error');
  });
});
