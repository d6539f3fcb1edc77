import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { JsonBodyLimits } from './json-body-limits';
import { readJsonBody } from './read-json-body';

/**
 * Express middleware: `request.body` becomes the parsed JSON body (undefined when there is none). Any content type
 * is read as JSON, so curl's default form type does not turn a valid body into "missing messages". Errors go to the
 * error middleware (the HTTP service reads and discards the rest of a refused body).
 */
export function jsonBodyParser(limits: JsonBodyLimits): RequestHandler {
  return (request, _response, next) => {
    if (!hasBody(request)) return next();
    readJsonBody(request, limits).then(
      (body) => {
        request.body = body;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
