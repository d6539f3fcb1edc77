const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  server_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * The HTTP status an error would have had, from its body's `type`: errors sent inside a stream (Anthropic's
 * `event: error`, an OpenAI chunk with `error`) arrive after a 200. Unknown types give null (rendered as 502).
 */
export function statusForErrorType(type: string | null | undefined): number | null {
  return type === null || type === undefined ? null : (STATUS_BY_ERROR_TYPE[type] ?? null);
}
