import { RoutewiseError, errorTypeForStatus, type OpenAIErrorType } from './routewise-error';

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; code: string; param: string | null };
}

/** The one place an error becomes a status and an OpenAI-style body. Unknown errors are 500s without details. */
export function toOpenAIErrorBody(error: unknown): { status: number; body: OpenAIErrorBody } {
  if (error instanceof RoutewiseError) {
    return {
      status: error.status,
      body: { error: { message: error.message, type: error.type, code: error.code, param: error.param } },
    };
  }
  return {
    status: 500,
    body: { error: { message: 'Internal error.', type: errorTypeForStatus(500), code: 'internal_error', param: null } },
  };
}
