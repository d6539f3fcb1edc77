import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '@routewise/errors';
import { discardRestOfBody } from './discard-rest-of-body';

export interface BearerTokenOptions {
  /** Tokens that open the route; any one of them will do. */
  tokens: readonly string[];
  /** Says which token is missing, e.g. "the internal token (ROUTEWISE_INTERNAL_TOKEN)". */
  describe: string;
}

/** Requires `Authorization: Bearer <token>` with one of the given tokens, compared in constant time. */
export function requireBearerToken(options: BearerTokenOptions): RequestHandler {
  const expected = options.tokens.map(digest);
  if (expected.length === 0) throw new Error(`no token configured for ${options.describe}`);
  return (request, response, next) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const candidate = presented === undefined ? null : digest(presented);
    // Every expected token is compared, so the time taken does not say which one nearly matched.
    const matches = candidate !== null && expected.map((token) => timingSafeEqual(candidate, token)).includes(true);
    if (matches) return next();
    const refusal = new UnauthorizedError(`${request.method} ${request.path} needs ${options.describe}: send it as Authorization: Bearer <token>.`);
    void discardRestOfBody(request, response).then(() => next(refusal));
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
