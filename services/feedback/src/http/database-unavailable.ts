import type { ErrorRequestHandler } from 'express';
import { RoutewiseError } from '@routewise/errors';

/** Postgres error codes and messages that mean "the database is not reachable right now", not a bug. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Turns a lost database connection into a retryable 503 instead of a 500: the feedback was not committed, so the
 * client should send it again (it is idempotent per request id).
 */
export function databaseUnavailableMiddleware(): ErrorRequestHandler {
  return (error: unknown, _request, _response, next) => {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : '';
    if ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(message)) {
      next(new RoutewiseError('The database is unavailable; nothing was stored. Retry shortly.', { code: 'not_ready', status: 503, isRetryable: true, cause: error }));
      return;
    }
    next(error);
  };
}
