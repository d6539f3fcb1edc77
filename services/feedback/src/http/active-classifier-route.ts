import type { Request, Response } from 'express';
import { NotFoundError } from '@routewise/errors';
import { findActiveClassifier, type Database, type Kysely } from '@routewise/database';

/** GET /v1/classifier/active: the active version's artifact; its version is the ETag, so pollers get 304s. */
export function activeClassifierHandler(db: Kysely<Database>) {
  return async (request: Request, response: Response): Promise<void> => {
    const active = await findActiveClassifier(db);
    if (!active) throw new NotFoundError('No classifier version has been promoted yet.');
    const etag = `"${active.version}"`;
    response.setHeader('etag', etag);
    response.setHeader('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    response.json(active.artifact);
  };
}
