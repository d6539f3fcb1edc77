import type { FuzzRequest } from './fuzz-request';
import type { FuzzResponse } from './send-fuzz-request';

/** Ways an answer breaks the contract: "one request must never stop the router, and every error is OpenAI-style". */
export type ViolationKind =
  /** A 5xx status. */
  | 'server-error'
  /** The connection ended (reset, closed) without any answer. */
  | 'no-response'
  /** No answer within the harness's time limit. */
  | 'timeout'
  /** A 4xx whose body is not `{error: {message, type, code, param}}`. */
  | 'malformed-error-body'
  /** An event stream that ends without `data: [DONE]` and without an error event. */
  | 'broken-stream'
  /** A 2xx labelled JSON whose body does not parse. */
  | 'unparseable-success'
  /** A service process exited. */
  | 'crash'
  /** A service stopped answering /healthz after the request (its event loop is blocked): it is restarted. */
  | 'unresponsive';

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

/** Every property one answer must have. A request the client hung up on expects nothing. */
export function checkResponse(request: FuzzRequest, response: FuzzResponse): Violation[] {
  if (request.hangUp !== 'no' || response.outcome === 'hung-up') return [];
  if (response.outcome === 'timeout') return [{ kind: 'timeout', detail: response.error ?? 'no answer' }];
  if (response.outcome === 'no-response' || response.status === null) return [{ kind: 'no-response', detail: response.error ?? 'no answer' }];

  const violations: Violation[] = [];
  const status = response.status;
  const contentType = String(response.headers['content-type'] ?? '');
  const hasBody = request.method !== 'HEAD' && status !== 204 && status !== 304;
  if (status >= 500) violations.push({ kind: 'server-error', detail: `${status} ${errorMessageOf(response.body)}` });
  if (status >= 400 && hasBody) {
    const problem = errorBodyProblem(response.body);
    if (problem !== null) violations.push({ kind: 'malformed-error-body', detail: `${status}: ${problem}` });
  } else if (status < 300 && hasBody && contentType.includes('text/event-stream')) {
    const problem = eventStreamProblem(response.body.toString('utf8'));
    if (problem !== null) violations.push({ kind: 'broken-stream', detail: `${problem}${response.cutShort ? ` (connection broke: ${response.error})` : ''}` });
  } else if (status < 300 && hasBody && contentType.includes('json')) {
    if (!parses(response.body)) violations.push({ kind: 'unparseable-success', detail: `${status} ${contentType}${response.cutShort ? ` (connection broke: ${response.error})` : ''}` });
  }
  return violations;
}

/** Why a body is not an OpenAI error (`{error: {message: string, type: string, code: string|null, param: string|null}}`), or null. */
export function errorBodyProblem(body: Buffer): string | null {
  if (body.length === 0) return 'empty body';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return `not JSON: ${JSON.stringify(body.toString('utf8').slice(0, 80))}`;
  }
  return errorObjectProblem(parsed);
}

function errorObjectProblem(parsed: unknown): string | null {
  const error = (parsed as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return `no error object: ${JSON.stringify(parsed).slice(0, 80)}`;
  const { message, type, code, param } = error as Record<string, unknown>;
  if (typeof message !== 'string') return 'error.message is not a string';
  if (typeof type !== 'string') return 'error.type is not a string';
  if (code !== null && typeof code !== 'string') return 'error.code is neither a string nor null';
  if (param !== null && typeof param !== 'string') return 'error.param is neither a string nor null';
  return null;
}

/** A stream that started fine may end with an OpenAI error event instead of `[DONE]`; anything else is broken. */
function eventStreamProblem(text: string): string | null {
  const data = text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
  if (data.at(-1) === '[DONE]') return null;
  for (const event of data) {
    try {
      const parsed = JSON.parse(event) as unknown;
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
        const problem = errorObjectProblem(parsed);
        return problem === null ? null : `error event that is not OpenAI-style: ${problem}`;
      }
    } catch {
      return `event that is not JSON: ${JSON.stringify(event.slice(0, 80))}`;
    }
  }
  return `ended after ${data.length} events without [DONE] or an error event`;
}

function parses(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** The error message in a body, for grouping 5xx answers; the raw start of the body otherwise. */
export function errorMessageOf(body: Buffer): string {
  try {
    const message = (JSON.parse(body.toString('utf8')) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return JSON.stringify(body.toString('utf8').slice(0, 80));
}
