import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { outcomesByTaskAndModel, type Database, type Kysely } from '@routewise/database';

/** GET /v1/routing/outcomes: thumbs per task and model, for routers' learned model choice (ETag; 304 when unchanged). */
export function outcomesHandler(db: Kysely<Database>) {
  return async (request: Request, response: Response): Promise<void> => {
    const body = JSON.stringify({ outcomes: await outcomesByTaskAndModel(db) });
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    response.setHeader('etag', etag);
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    response.type('application/json').send(body);
  };
}
