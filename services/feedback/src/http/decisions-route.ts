import type { Request, Response } from 'express';
import type { Database, Kysely } from '@routewise/database';
import { invalidRequestFromZod } from '@routewise/http';
import { decisionBatchSchema } from '../ingest/decision-batch-schema';
import { storeDecisionBatch } from '../ingest/store-decision-batch';

/**
 * POST /v1/decisions: a batch from a router. Idempotent by request id, so a resent batch is stored once. Answered 200
 * with `{received, stored, rejected}` whenever the envelope is right: invalid items are listed by index and not
 * stored, the rest are, and the router does not resend what was refused.
 */
export function decisionsHandler(db: Kysely<Database>, storePrompts: boolean) {
  return async (request: Request, response: Response): Promise<void> => {
    const parsed = decisionBatchSchema.safeParse(request.body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    response.json(await storeDecisionBatch(db, parsed.data.decisions, storePrompts));
  };
}
