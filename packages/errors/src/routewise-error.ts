/** Every error the services raise on purpose. One express middleware renders them as OpenAI-style bodies. */
export type RoutewiseErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'model_not_found'
  | 'request_too_large'
  | 'unsupported_media_type'
  | 'invalid_content_encoding'
  | 'headers_too_large'
  | 'context_length_exceeded'
  | 'missing_provider_key'
  | 'invalid_api_key'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'not_found'
  | 'not_ready'
  | 'unauthorized'
  | 'conflict'
  | 'insufficient_training_data'
  | 'internal_error';

/** OpenAI's `error.type` values, chosen from the status. */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error';

export interface RoutewiseErrorOptions {
  code: RoutewiseErrorCode;
  status: number;
  /** The request field at fault, e.g. `messages[2].role`. */
  param?: string | null;
  isRetryable?: boolean;
  cause?: unknown;
}

export class RoutewiseError extends Error {
  readonly code: RoutewiseErrorCode;
  readonly status: number;
  readonly param: string | null;
  readonly isRetryable: boolean;

  constructor(message: string, options: RoutewiseErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.param = options.param ?? null;
    this.isRetryable = options.isRetryable ?? false;
  }

  get type(): OpenAIErrorType {
    return errorTypeForStatus(this.status);
  }
}

export function errorTypeForStatus(status: number): OpenAIErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}
