import type { ServerResponse } from 'node:http';
import { cutJson, isRecord, resolveFakeAnswer } from './fake-answer';
import { fakeId } from './fake-ids';
import type { FakeUpstreamBehavior, FakeUpstreamOptions } from './fake-upstream-behavior';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream-server';
import { readEventStreamFixture, readFixture, readJsonFixture } from './fixtures';
import { sendJson, writeEventStream } from './event-stream-writer';
import { openAICompletionBody, openAIStreamErrorEvent, openAIStreamEvents } from './openai-answer-bodies';
import type { RecordedRequest } from './recorded-request';

/** A loopback server speaking OpenAI's Chat Completions API. */
export interface FakeOpenAIServer extends FakeUpstream {
  /** `http://127.0.0.1:PORT/v1`: what OPENAI_BASE_URL (and the `openai` client's `baseURL`) takes. */
  readonly url: string;
}

/** Answers `POST /v1/chat/completions` (streamed or not) and `GET /v1/models`, checking `Authorization: Bearer`. */
export async function startFakeOpenAIServer(options: FakeUpstreamOptions = {}): Promise<FakeOpenAIServer> {
  const upstream = await startFakeUpstream(options, handleOpenAIRequest);
  return Object.assign(upstream, { url: `${upstream.origin}/v1` });
}

async function handleOpenAIRequest(behavior: FakeUpstreamBehavior, request: RecordedRequest, response: ServerResponse): Promise<void> {
  const headers = { 'x-request-id': fakeId('req_', 32, '0123456789abcdef'), 'openai-processing-ms': '312' };
  const apiKey = bearerToken(request.headers.authorization);
  if (apiKey === undefined) {
    return sendJson(response, 401, openAIError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null), headers);
  }
  if (behavior.expectedApiKey !== null && apiKey !== behavior.expectedApiKey) {
    return sendJson(response, 401, wrongKeyBody(apiKey, behavior.echoApiKeyInErrors), headers);
  }
  if (request.method === 'GET' && request.path === '/v1/models') return sendJson(response, 200, readJsonFixture('openai-models.json'), headers);
  if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
    return sendJson(response, 404, openAIError(`Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null), headers);
  }
  const body = request.body;
  if (!isRecord(body)) {
    return sendJson(response, 400, openAIError('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)', 'invalid_request_error', null), headers);
  }
  if (typeof body.model !== 'string') return sendJson(response, 400, openAIError('you must provide a model parameter', 'invalid_request_error', null), headers);
  if (!Array.isArray(body.messages)) return sendJson(response, 400, openAIError("Missing required parameter: 'messages'.", 'invalid_request_error', 'messages', 'missing_required_parameter'), headers);

  const fault = behavior.fault;
  if (fault?.kind === 'http-error') return sendJson(response, fault.status, fault.body ?? openAIErrorBody(fault.status), headers);
  if (behavior.replayFixture !== null) {
    if (behavior.replayFixture.endsWith('.sse')) {
      return writeEventStream(response, readEventStreamFixture(behavior.replayFixture), { headers, chunkDelayMs: behavior.chunkDelayMs });
    }
    return sendJson(response, 200, readFixture(behavior.replayFixture), headers);
  }

  const answer = resolveFakeAnswer(behavior, request, () => fakeId('call_', 24));
  const id = fakeId('chatcmpl-', 29);
  const created = Math.floor(Date.now() / 1000);
  if (body.stream !== true) {
    const text = JSON.stringify(openAICompletionBody(answer, id, created));
    return sendJson(response, 200, fault?.kind === 'malformed-json' ? cutJson(text) : text, headers);
  }
  const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
  let events = openAIStreamEvents(answer, id, created, includeUsage);
  if (fault?.kind === 'malformed-json') events = events.map((event, index) => (index === 1 ? `${cutJson(event.trimEnd())}\n\n` : event));
  if (fault?.kind === 'stream-error') events = [...events.slice(0, fault.afterEvents), openAIStreamErrorEvent()];
  return writeEventStream(response, events, {
    headers,
    chunkDelayMs: behavior.chunkDelayMs,
    ...(fault?.kind === 'truncate-stream' ? { truncateAfterEvents: fault.afterEvents, truncateCleanly: fault.cleanly ?? false } : {}),
  });
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  return match?.[1];
}

/** OpenAI masks all but the ends of a wrong key; `echo` sends it whole, as careless proxies do. */
function wrongKeyBody(apiKey: string, echo: boolean): unknown {
  const shown = echo ? apiKey : `${apiKey.slice(0, 8)}${'*'.repeat(Math.max(0, apiKey.length - 12))}${apiKey.slice(-4)}`;
  return openAIError(
    `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

function openAIErrorBody(status: number): unknown {
  if ([400, 401, 429, 500, 503].includes(status)) return readJsonFixture(`openai-error-${status}.json`);
  return openAIError(`The server returned status ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error', null);
}

function openAIError(message: string, type: string, param: string | null, code: string | null = null) {
  return { error: { message, type, param, code } };
}
