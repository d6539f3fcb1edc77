import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '@routewise/errors';

/** Requires `Authorization: Bearer <token>` when a token is configured; without one the route is open. */
export function adminTokenMiddleware(token: string | undefined) {
  const expected = token === undefined ? null : digest(token);
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (expected === null) return next();
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    // Compared as digests of equal length, in constant time.
    if (match && timingSafeEqual(digest(match[1]!.trim()), expected)) return next();
    next(new UnauthorizedError('This endpoint needs the admin token: Authorization: Bearer $ADMIN_TOKEN.'));
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
