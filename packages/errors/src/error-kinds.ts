import { RoutewiseError } from './routewise-error';

export class InvalidRequestError extends RoutewiseError {
  constructor(message: string, param: string | null = null) {
    super(message, { code: 'invalid_request', status: 400, param });
  }
}

export class InvalidJsonError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'invalid_json', status: 400 });
  }
}

export class RequestTooLargeError extends RoutewiseError {
  constructor(limitBytes: number) {
    super(`Request body is larger than the limit of ${limitBytes} bytes.`, { code: 'request_too_large', status: 413 });
  }
}

/** A body in a content encoding or charset Routewise does not read (415). */
export class UnsupportedMediaTypeError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'unsupported_media_type', status: 415 });
  }
}

/** A body labelled gzip, deflate or br that does not decompress (plain, truncated or corrupt). */
export class InvalidContentEncodingError extends RoutewiseError {
  constructor(encoding: string, detail: string) {
    super(`The request body is labelled Content-Encoding: ${encoding} but does not decode (${detail}).`, { code: 'invalid_content_encoding', status: 400 });
  }
}

export class ModelNotFoundError extends RoutewiseError {
  constructor(model: string) {
    super(`The model '${model}' is not in the Routewise catalog. Use "auto" or one of the ids from GET /v1/models.`, {
      code: 'model_not_found',
      status: 404,
      param: 'model',
    });
  }
}

export class ContextLengthExceededError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'context_length_exceeded', status: 400, param: 'messages' });
  }
}

/** A model was chosen whose provider has no key, outside demo mode. Names the variable to set, never a key. */
export class MissingProviderKeyError extends RoutewiseError {
  constructor(provider: string, keyVariable: string, byokHeader: string) {
    super(
      `No API key for provider '${provider}': set ${keyVariable} in the router's environment or send it per request in the ${byokHeader} header.`,
      { code: 'missing_provider_key', status: 401 },
    );
  }
}

export class NotFoundError extends RoutewiseError {
  constructor(message: string, param: string | null = null) {
    super(message, { code: 'not_found', status: 404, param });
  }
}

export class NotReadyError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'not_ready', status: 503, isRetryable: true });
  }
}

/** An upstream provider answered with an error: keep its status and its own message. */
export class UpstreamError extends RoutewiseError {
  readonly provider: string;
  readonly upstreamStatus: number | null;

  constructor(provider: string, upstreamStatus: number | null, message: string, cause?: unknown) {
    const status = upstreamStatus !== null && upstreamStatus >= 400 && upstreamStatus < 600 ? upstreamStatus : 502;
    super(`${provider}: ${message}`, {
      code: upstreamCode(status),
      status,
      isRetryable: status === 429 || status >= 500,
      cause,
    });
    this.provider = provider;
    this.upstreamStatus = upstreamStatus;
  }
}

function upstreamCode(status: number) {
  if (status === 401 || status === 403) return 'invalid_api_key' as const;
  if (status === 429) return 'rate_limited' as const;
  return 'upstream_error' as const;
}

export class UpstreamTimeoutError extends RoutewiseError {
  readonly provider: string;

  constructor(provider: string, timeoutMs: number, cause?: unknown) {
    super(`${provider}: no answer within ${timeoutMs} ms.`, { code: 'upstream_timeout', status: 504, isRetryable: true, cause });
    this.provider = provider;
  }
}

/** A protected endpoint was called without the right bearer token. */
export class UnauthorizedError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'unauthorized', status: 401 });
  }
}

/** The request clashes with work already in progress (e.g. a second retrain while one runs). */
export class ConflictError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'conflict', status: 409, isRetryable: true });
  }
}

/** Training data cannot produce a classifier (e.g. a task label with no training example). */
export class InsufficientTrainingDataError extends RoutewiseError {
  constructor(message: string) {
    super(message, { code: 'insufficient_training_data', status: 422 });
  }
}
