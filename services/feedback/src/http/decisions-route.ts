import type { Request, Response } from 'express';
import { InvalidRequestError } from '@routewise/errors';
import { insertDecisions, type Database, type Kysely } from '@routewise/database';
import { decisionBatchSchema, toDecisionRow } from '../ingest/decision-batch-schema';

/** POST /v1/decisions: a batch from a router. Idempotent by request id, so a resent batch is stored once. */
export function decisionsHandler(db: Kysely<Database>, storePrompts: boolean) {
  return async (request: Request, response: Response): Promise<void> => {
    const parsed = decisionBatchSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidRequestError(`Invalid decision batch at ${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
    }
    const stored = await insertDecisions(db, parsed.data.decisions.map((decision) => toDecisionRow(decision, storePrompts)));
    response.json({ received: parsed.data.decisions.length, stored });
  };
}
