import fc from 'fast-check';
import { bodyEncodingChoice, bodyPayload, encodeBody, MAX_JSON_LENGTH, type BodyEncodingChoice, type BodyPayload } from './body-encoding-arbitraries';
import { brokenHttpRequest } from './broken-http-arbitraries';
import { chatRequestBody } from './chat-request-arbitraries';
import { decisionBatchBody } from './decision-batch-arbitraries';
import { feedbackRequestBody } from './feedback-request-arbitraries';
import type { FuzzRequest, ServiceName } from './fuzz-request';
import { authorizationHeader, manyHeaders, noiseHeaders, routingHeaders, type AuthorizationChoice, type HeaderList, type ServiceTokens } from './header-arbitraries';
import { jsonArray, jsonObject, jsonString, limitLength, type JsonSpec } from './json-spec';
import { oddKey, oddValue } from './odd-value-arbitraries';
import { anyKnownMethod, oddPath, oddQuery, statsQuery } from './path-arbitraries';

export interface FuzzContext {
  prompts: readonly string[];
  modelIds: readonly string[];
  taskLabels: readonly string[];
  /** Request ids the router really served, so some feedback is stored. */
  knownRequestIds: readonly string[];
  tokens: ServiceTokens;
}

/** Every request the fuzz sends: each endpoint of both services, odd paths, raw broken HTTP, clients that hang up. */
export function fuzzRequest(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const chat = chatRequestBody(context);
  const feedback = feedbackRequestBody(context);
  return fc.oneof(
    { arbitrary: routerPost('/v1/chat/completions', chat, context), weight: 24 },
    { arbitrary: routerPost('/v1/route', chat, context), weight: 12 },
    { arbitrary: routerPost('/v1/feedback', feedback, context), weight: 5 },
    { arbitrary: routerGet(), weight: 5 },
    { arbitrary: feedbackPost('/v1/decisions', decisionBatchBody(context), context, ['internal', 'internal', 'internal', 'none', 'wrong', 'admin']), weight: 10 },
    { arbitrary: feedbackPost('/v1/feedback', feedback, context, ['internal', 'internal', 'none', 'wrong', 'admin']), weight: 8 },
    { arbitrary: feedbackGet('/v1/stats', statsQuery(), context, ['admin', 'admin', 'none', 'wrong', 'internal']), weight: 6 },
    { arbitrary: feedbackGet('/v1/classifier/active', fc.oneof(fc.constant(''), oddQuery()), context, ['internal', 'none', 'wrong', 'admin']), weight: 2 },
    { arbitrary: feedbackGet('/v1/routing/outcomes', fc.oneof(fc.constant(''), oddQuery()), context, ['internal', 'none', 'wrong', 'admin']), weight: 2 },
    { arbitrary: retrainRequest(context), weight: 3 },
    { arbitrary: oddPathRequest(context), weight: 8 },
    { arbitrary: brokenHttpRequest(), weight: 6 },
    { arbitrary: hangUpRequest(context, chat), weight: 3 },
  );
}

interface BodyRequestParts {
  payload: BodyPayload;
  encoding: BodyEncodingChoice;
  headers: HeaderList;
  framing: FuzzRequest['framing'];
}

function bodyRequest(service: ServiceName, method: string, path: string, endpoint: string, payload: fc.Arbitrary<BodyPayload>, headers: fc.Arbitrary<HeaderList>): fc.Arbitrary<FuzzRequest> {
  return fc
    .record<BodyRequestParts>({
      payload,
      encoding: bodyEncodingChoice(),
      headers,
      framing: fc.oneof({ arbitrary: fc.constant('content-length' as const), weight: 9 }, { arbitrary: fc.constant('chunked' as const), weight: 1 }),
    })
    .map(({ payload: chosen, encoding, headers: extra, framing }): FuzzRequest => {
      const body = encodeBody(chosen, encoding);
      return {
        service,
        endpoint,
        method,
        path,
        headers: [...body.headers, ...extra],
        body: body.bytes,
        bodyDescription: body.description,
        framing,
        raw: null,
        hangUp: 'no',
      };
    });
}

/** Optional extra headers: routing headers on the router, odd common headers, now and then hundreds of headers. */
function extraHeaders(first: fc.Arbitrary<HeaderList>, ...more: fc.Arbitrary<HeaderList>[]): fc.Arbitrary<HeaderList> {
  const optional = (arbitrary: fc.Arbitrary<HeaderList>, weight: number) => fc.oneof({ arbitrary: fc.constant<HeaderList>([]), weight }, { arbitrary, weight: 1 });
  return fc
    .tuple(first, ...more.map((arbitrary) => optional(arbitrary, 2)), optional(noiseHeaders(), 4), optional(manyHeaders(), 30))
    .map((lists) => lists.flat());
}

function routerPost(path: string, json: fc.Arbitrary<JsonSpec>, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  // On the router, Authorization is the caller's own key (hashed for usage), so any value goes.
  const headers = extraHeaders(authorizationHeader(context.tokens, ['none', 'none', 'wrong', 'internal']), routingHeaders(context.taskLabels));
  return bodyRequest('router', 'POST', path, `router POST ${path}`, bodyPayload(json), headers);
}

function feedbackPost(path: string, json: fc.Arbitrary<JsonSpec>, context: FuzzContext, authorization: readonly AuthorizationChoice[]): fc.Arbitrary<FuzzRequest> {
  return bodyRequest('feedback', 'POST', path, `feedback POST ${path}`, bodyPayload(json), extraHeaders(authorizationHeader(context.tokens, authorization)));
}

function getRequest(service: ServiceName, method: string, path: string, query: string, endpoint: string, headers: HeaderList): FuzzRequest {
  return { service, endpoint, method, path: path + query, headers, body: null, bodyDescription: '', framing: 'content-length', raw: null, hangUp: 'no' };
}

function routerGet(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom('/v1/models', '/healthz', '/readyz'), fc.constantFrom('GET', 'GET', 'HEAD'), fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: oddQuery(), weight: 1 }), extraHeaders(fc.constant([])))
    .map(([path, method, query, headers]) => getRequest('router', method, path, query, `router ${method} ${path}`, headers));
}

function feedbackGet(path: string, query: fc.Arbitrary<string>, context: FuzzContext, authorization: readonly AuthorizationChoice[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(query, extraHeaders(authorizationHeader(context.tokens, authorization)))
    .map(([chosenQuery, headers]) => getRequest('feedback', 'GET', path, chosenQuery, `feedback GET ${path}`, headers));
}

/**
 * POST /v1/retrain never carries a valid request with the admin token: a real retrain takes seconds and would
 * stall the run. With the admin token the body is always invalid however it is read (`dry_run` is never a
 * boolean, or the body is not an object; never empty, never truncated); with a missing or wrong token anything goes.
 */
function retrainRequest(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const notBoolean = oddValue().filter((value) => !(value.kind === 'literal' && /^(true|false)$/.test(value.text)));
  const invalidBody = fc.oneof(
    fc.tuple(notBoolean, fc.array(fc.tuple(oddKey(), oddValue()), { maxLength: 2 })).map(([dryRun, extra]) => jsonObject([['dry_run', dryRun], ...extra])),
    fc.array(oddValue(), { maxLength: 3 }).map(jsonArray),
    fc.constantFrom('dry run', '').map(jsonString),
  );
  const withAdminToken = bodyRequest(
    'feedback',
    'POST',
    '/v1/retrain',
    'feedback POST /v1/retrain (admin token, invalid body)',
    invalidBody.map((spec): BodyPayload => ({ kind: 'json', spec: limitLength(spec, MAX_JSON_LENGTH), truncateAt: null })),
    extraHeaders(authorizationHeader(context.tokens, ['admin'])),
  );
  const retrainLike = fc.oneof(fc.constant(jsonObject({ dry_run: { kind: 'literal', text: 'true' } })), fc.constant(jsonObject({})), oddValue());
  const withoutAdminToken = bodyRequest(
    'feedback',
    'POST',
    '/v1/retrain',
    'feedback POST /v1/retrain (no or wrong token)',
    bodyPayload(retrainLike),
    extraHeaders(authorizationHeader(context.tokens, ['none', 'wrong', 'internal'])),
  );
  return fc.oneof(withAdminToken, withoutAdminToken);
}

/** Odd methods on odd paths, on either service, with or without a body; never with the admin token. */
function oddPathRequest(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom<ServiceName>('router', 'feedback'),
      anyKnownMethod(),
      oddPath(),
      fc.option(chatRequestBody(context), { freq: 3 }),
      extraHeaders(authorizationHeader(context.tokens, ['none', 'wrong', 'internal'])),
    )
    .chain(([service, method, path, json, headers]) => {
      const endpoint = `${service} odd path`;
      if (json === null) return fc.constant(getRequest(service, method, path, '', endpoint, headers));
      return bodyRequest(service, method, path, endpoint, bodyPayload(fc.constant(json)), fc.constant(headers));
    });
}

/** A client that goes away mid-body or right after the answer starts (streams above all); nothing is expected back. */
function hangUpRequest(context: FuzzContext, chat: fc.Arbitrary<JsonSpec>): fc.Arbitrary<FuzzRequest> {
  const streaming = chat.map((spec) => (spec.kind === 'object' ? jsonObject([...spec.entries.filter(([key]) => key !== 'stream'), ['stream', { kind: 'literal', text: 'true' }]]) : spec));
  return fc
    .tuple(
      fc.oneof(routerPost('/v1/chat/completions', streaming, context), routerPost('/v1/route', chat, context), feedbackPost('/v1/decisions', decisionBatchBody(context), context, ['internal'])),
      fc.constantFrom<FuzzRequest['hangUp']>('mid-body', 'after-first-byte'),
    )
    .map(([request, hangUp]) => ({ ...request, endpoint: `${request.endpoint} (client hangs up)`, hangUp }));
}
