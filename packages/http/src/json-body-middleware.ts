import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { JsonBodyLimits } from './json-body-limits';
import { discardRestOfBody } from './discard-rest-of-body';
import { readJsonBody } from './read-json-body';

/**
 * Express middleware: `request.body` becomes the parsed JSON body (undefined when there is none). Any content type
 * is read as JSON, so curl's default form type does not turn a valid body into "missing messages". Errors go to the
 * error middleware once the rest of a refused body has been read and discarded (`discardRestOfBody`).
 */
export function jsonBodyParser(limits: JsonBodyLimits): RequestHandler {
  return (request, response, next) => {
    if (!hasBody(request)) return next();
    readJsonBody(request, limits).then(
      (body) => {
        request.body = body;
        next();
      },
      (error: unknown) => void discardRestOfBody(request, response).then(() => next(error)),
    );
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
