import type { ErrorRequestHandler } from 'express';
import { InvalidJsonError, RequestTooLargeError } from './error-kinds';
import { toOpenAIErrorBody } from './openai-error-body';
import { RoutewiseError } from './routewise-error';

/** The part of a logger the middleware needs (pino's satisfies it). */
interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * The one place errors become responses: RoutewiseErrors keep their status and code; body-parser's errors become
 * 400/413; anything else is logged and answered with a 500 that reveals nothing.
 */
export function errorMiddleware(logger: ErrorLogger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    const known = asRoutewiseError(error, maxBodyBytes);
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

function asRoutewiseError(error: unknown, maxBodyBytes: number): RoutewiseError | null {
  if (error instanceof RoutewiseError) return error;
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.too.large') return new RequestTooLargeError(maxBodyBytes);
  if (bodyParserType === 'entity.parse.failed') return new InvalidJsonError(`The request body is not valid JSON: ${(error as Error).message}`);
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported' || bodyParserType === 'request.aborted') {
    return new InvalidJsonError(`The request body could not be read: ${(error as Error).message}`);
  }
  return null;
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}
