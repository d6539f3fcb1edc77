import { RoutewiseError, UpstreamError, UpstreamTimeoutError } from '@routewise/errors';
import type { CallDeadline } from './call-deadline';
import { statusForErrorType } from './status-for-error-type';
import { redactSecret } from './redact-secret';

/** The error classes both official SDKs (`openai`, `@anthropic-ai/sdk`) define, typed by shape only. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => SdkApiError;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

interface SdkApiError extends Error {
  readonly status: number | undefined;
  /** The parsed error body: OpenAI's SDK keeps `body.error`, Anthropic's the whole body. */
  readonly error: unknown;
}

export interface UpstreamCallContext {
  provider: string;
  apiKey: string;
  deadline: CallDeadline;
  sdkErrors: SdkErrorClasses;
}

/** A caller that cancels gets a status that says so; nobody is left waiting for it to be rendered. */
const CANCELLED_STATUS = 499;
const MAX_MESSAGE_LENGTH = 600;

/**
 * Turns anything an SDK call or stream throws into UpstreamError / UpstreamTimeoutError, keeping the provider's
 * status and own message, and never the API key. The SDK error is not attached as `cause`: it is not ours to
 * vouch for.
 */
export function toUpstreamError(error: unknown, context: UpstreamCallContext): RoutewiseError {
  const { provider, deadline, sdkErrors } = context;
  const upstream = (status: number | null, message: string) =>
    new UpstreamError(provider, status, redactSecret(truncate(message), context.apiKey));

  // The deadline is asked first: once it fired, whatever the SDK threw (or a stream that then "ended early") is
  // a consequence of the abort.
  if (deadline.timedOut || error instanceof sdkErrors.APIConnectionTimeoutError) {
    return new UpstreamTimeoutError(provider, deadline.timeoutMs);
  }
  if (deadline.cancelledByCaller || error instanceof sdkErrors.APIUserAbortError) {
    return upstream(CANCELLED_STATUS, 'the call was cancelled before the provider finished answering.');
  }
  if (error instanceof RoutewiseError) return error;
  if (error instanceof sdkErrors.APIError && error.status !== undefined) {
    return upstream(error.status, providerMessage(error));
  }
  if (error instanceof sdkErrors.APIConnectionError) {
    return upstream(null, `could not reach the provider (${errorCode(error) ?? error.message}).`);
  }
  if (error instanceof sdkErrors.APIError) {
    // An error event inside a stream: no HTTP status, the body's type says what went wrong.
    return upstream(statusForErrorType(errorType(error.error)), providerMessage(error));
  }
  // Errors from Node's own fetch may come from another realm (jest's vm, a worker): compare shapes, not classes.
  if (isRecord(error) && error.name === 'SyntaxError') return upstream(null, 'malformed response: the body is not valid JSON.');
  if (isRecord(error) && typeof error.message === 'string') {
    const code = errorCode(error);
    return upstream(null, `the connection failed before the answer was complete: ${error.message}${code === undefined ? '' : ` (${code})`}.`);
  }
  return upstream(null, 'the call failed for an unknown reason.');
}

function providerMessage(error: SdkApiError): string {
  const body = error.error;
  if (isRecord(body)) {
    if (isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
    if (typeof body.message === 'string') return body.message;
  }
  // Non-JSON error bodies (a proxy's HTML page) end up in the SDK's message after the status.
  return error.message.replace(/^\d{3} /, '');
}

function errorType(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error) && typeof body.error.type === 'string') return body.error.type;
  return typeof body.type === 'string' ? body.type : undefined;
}

/** `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`...: found somewhere down the `cause` chain. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

function truncate(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH)}...`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
