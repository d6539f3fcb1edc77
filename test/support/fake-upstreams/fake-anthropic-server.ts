import type { ServerResponse } from 'node:http';
import { anthropicMessageBody, anthropicStreamErrorEvent, anthropicStreamEvents } from './anthropic-answer-bodies';
import { sendJson, writeEventStream } from './event-stream-writer';
import { cutJson, isRecord, resolveFakeAnswer } from './fake-answer';
import { fakeId } from './fake-ids';
import type { FakeUpstreamBehavior, FakeUpstreamOptions } from './fake-upstream-behavior';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream-server';
import { readEventStreamFixture, readFixture, readJsonFixture } from './fixtures';
import type { RecordedRequest } from './recorded-request';

/** A loopback server speaking Anthropic's Messages API. */
export interface FakeAnthropicServer extends FakeUpstream {
  /** `http://127.0.0.1:PORT`, without `/v1`: what ANTHROPIC_BASE_URL (and the SDK's `baseURL`) takes. */
  readonly url: string;
}

/**
 * Answers `POST /v1/messages` (streamed or not). Checks the key (`x-api-key` or `Authorization: Bearer`) and `anthropic-version`, and rejects what the
 * real API rejects and a translation could get wrong: no `max_tokens`, roles other than user/assistant, empty text.
 */
export async function startFakeAnthropicServer(options: FakeUpstreamOptions = {}): Promise<FakeAnthropicServer> {
  const upstream = await startFakeUpstream(options, handleAnthropicRequest);
  return Object.assign(upstream, { url: upstream.origin });
}

async function handleAnthropicRequest(behavior: FakeUpstreamBehavior, request: RecordedRequest, response: ServerResponse): Promise<void> {
  const headers = { 'request-id': fakeId('req_011C', 20), 'anthropic-organization-id': '5f0b7c2e-9a41-4d6b-8e3f-1c2d3a4b5c6d' };
  const apiKey = anthropicApiKey(request);
  if (apiKey === undefined) {
    return sendJson(response, 401, anthropicError('authentication_error', 'x-api-key header is required'), headers);
  }
  if (behavior.expectedApiKey !== null && apiKey !== behavior.expectedApiKey) {
    const message = behavior.echoApiKeyInErrors ? `invalid x-api-key: ${apiKey}` : 'invalid x-api-key';
    return sendJson(response, 401, anthropicError('authentication_error', message), headers);
  }
  if (request.method !== 'POST' || request.path !== '/v1/messages') {
    return sendJson(response, 404, anthropicError('not_found_error', 'Not found'), headers);
  }
  if (request.headers['anthropic-version'] === undefined) {
    return sendJson(response, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required'), headers);
  }
  const invalid = invalidRequestMessage(request.body);
  if (invalid !== undefined) return sendJson(response, 400, anthropicError('invalid_request_error', invalid), headers);

  const fault = behavior.fault;
  if (fault?.kind === 'http-error') return sendJson(response, fault.status, fault.body ?? anthropicErrorBody(fault.status), headers);
  if (behavior.replayFixture !== null) {
    if (behavior.replayFixture.endsWith('.sse')) {
      return writeEventStream(response, readEventStreamFixture(behavior.replayFixture), { headers, chunkDelayMs: behavior.chunkDelayMs });
    }
    return sendJson(response, 200, readFixture(behavior.replayFixture), headers);
  }

  const answer = resolveFakeAnswer(behavior, request, () => fakeId('toolu_01', 22));
  const id = fakeId('msg_01', 22);
  if (!isRecord(request.body) || request.body.stream !== true) {
    const text = JSON.stringify(anthropicMessageBody(answer, id));
    return sendJson(response, 200, fault?.kind === 'malformed-json' ? cutJson(text) : text, headers);
  }
  let events = anthropicStreamEvents(answer, id);
  if (fault?.kind === 'malformed-json') events = events.map((event, index) => (index === 1 ? `${cutJson(event.trimEnd())}\n\n` : event));
  if (fault?.kind === 'stream-error') events = [...events.slice(0, fault.afterEvents), anthropicStreamErrorEvent()];
  return writeEventStream(response, events, {
    headers,
    chunkDelayMs: behavior.chunkDelayMs,
    ...(fault?.kind === 'truncate-stream' ? { truncateAfterEvents: fault.afterEvents, truncateCleanly: fault.cleanly ?? false } : {}),
  });
}

/**
 * The key from `x-api-key`, the header Anthropic documents, or from `Authorization: Bearer`, which is how
 * `@anthropic-ai/sdk` 1.x sends an API key.
 */
function anthropicApiKey(request: RecordedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

/** The validation messages are the real API's. */
function invalidRequestMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return 'There was an issue with your request body. Please check the JSON is valid.';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    }
    const blocks = Array.isArray(message.content) ? message.content : [{ type: 'text', text: message.content }];
    if (blocks.length === 0) return `messages.${index}: all messages must have non-empty content except for the optional final assistant message`;
    if (blocks.some((block) => isRecord(block) && block.type === 'text' && block.text === '')) return 'messages: text content blocks must be non-empty';
  }
  return undefined;
}

function anthropicErrorBody(status: number): unknown {
  if ([400, 401, 429, 500, 529].includes(status)) return readJsonFixture(`anthropic-error-${status}.json`);
  if (status === 503) return readJsonFixture('anthropic-error-529.json');
  return anthropicError(status >= 500 ? 'api_error' : 'invalid_request_error', `The server returned status ${status}.`);
}

function anthropicError(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: fakeId('req_011C', 20) };
}
