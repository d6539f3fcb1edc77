import { insertDecisions, type Database, type Kysely, type NewDecision } from '@routewise/database';
import { describeZodError, type RequestProblem } from '@routewise/http';
import { decisionSchema, toDecisionRow } from './decision-batch-schema';

export interface RejectedDecision extends RequestProblem {
  /** Position in the batch. */
  index: number;
}

export interface StoredBatch {
  received: number;
  /** New decisions stored (a resent one is stored once). */
  stored: number;
  /** Items that were not stored, by position, with the field at fault. */
  rejected: RejectedDecision[];
}

/** SQLSTATE classes for data the database refused (22: data exception, 23: constraint violation). */
const DATA_ERROR = /^2[23]/;

/**
 * Validates each decision on its own and stores the valid ones, so one bad item never costs its siblings. Should the
 * database still refuse the batch for a reason the schema missed, the items are stored one by one to find the culprit.
 */
export async function storeDecisionBatch(db: Kysely<Database>, items: readonly unknown[], storePrompts: boolean): Promise<StoredBatch> {
  const rejected: RejectedDecision[] = [];
  const valid: { index: number; row: NewDecision }[] = [];
  items.forEach((item, index) => {
    const parsed = decisionSchema.safeParse(item);
    if (parsed.success) valid.push({ index, row: toDecisionRow(parsed.data, storePrompts) });
    else rejected.push({ index, ...describeZodError(parsed.error, ['decisions', index]) });
  });
  let stored: number;
  try {
    stored = await insertDecisions(db, valid.map((item) => item.row));
  } catch (error) {
    if (!isDataError(error)) throw error;
    stored = 0;
    for (const { index, row } of valid) {
      try {
        stored += await insertDecisions(db, [row]);
      } catch (rowError) {
        if (!isDataError(rowError)) throw rowError;
        rejected.push({ index, param: `decisions[${index}]`, message: `The database refused decisions[${index}]: ${(rowError as Error).message}` });
      }
    }
  }
  return { received: items.length, stored, rejected: rejected.sort((left, right) => left.index - right.index) };
}

function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DATA_ERROR.test(code);
}
