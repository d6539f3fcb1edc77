import type { ErrorRequestHandler } from 'express';
import { toOpenAIErrorBody } from './openai-error-body';
import { RoutewiseError } from './routewise-error';

/** The part of a logger the middleware needs (pino's satisfies it). */
interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * The one place errors become responses: RoutewiseErrors keep their status and code; express's own 4xx errors keep
 * their status; anything else is logged and answered with a 500 that reveals nothing.
 */
export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    const known = asRoutewiseError(error);
    if (response.headersSent) {
      logger.error({ error: describe(error), path: request.path }, 'error after the response started');
      response.end();
      return;
    }
    if (!known) logger.error({ error: describe(error), path: request.path }, 'unhandled error');
    const { status, body } = toOpenAIErrorBody(known ?? error);
    response.status(status).json(body);
    void next;
  };
}

function asRoutewiseError(error: unknown): RoutewiseError | null {
  if (error instanceof RoutewiseError) return error;
  // Errors from express itself carry a 4xx `status` (http-errors): a client mistake, never a 500.
  const { status, message } = (error ?? {}) as { status?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const text = typeof message === 'string' && message ? message : 'The request could not be read.';
  return new RoutewiseError(text, { code: status === 413 ? 'request_too_large' : 'invalid_request', status });
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}
