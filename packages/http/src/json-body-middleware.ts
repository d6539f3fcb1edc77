import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { JsonBodyLimits } from './json-body-limits';
import { readJsonBody } from './read-json-body';

/**
 * A body refused before it was fully read is still read to its end (and thrown away) when its declared length is at
 * most this: a client that is still writing then gets the answer instead of a broken pipe. Longer, or chunked, bodies
 * close the connection instead, so nobody can make the server read without end.
 */
const DRAINED_AFTER_REFUSAL_BYTES = 32 * 1024 * 1024;

/**
 * Express middleware: `request.body` becomes the parsed JSON body (undefined when there is none). Any content type
 * is read as JSON, so curl's default form type does not turn a valid body into "missing messages". Errors go to the
 * error middleware.
 */
export function jsonBodyParser(limits: JsonBodyLimits): RequestHandler {
  return (request, response, next) => {
    if (!hasBody(request)) return next();
    readJsonBody(request, limits).then(
      (body) => {
        request.body = body;
        next();
      },
      (error: unknown) => {
        if (!request.complete) {
          const declared = Number(request.headers['content-length']);
          if (declared <= DRAINED_AFTER_REFUSAL_BYTES) request.resume();
          else response.setHeader('connection', 'close');
        }
        next(error);
      },
    );
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
