import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { Decision } from '../tables/decisions.table';
import type { NewUsageByKey, UsageByKey } from '../tables/usage-by-key.table';

type BilledDecision = Pick<Decision, 'caller_key_hash' | 'created_at' | 'cost_usd'>;

/**
 * Adds decisions to their caller key's total for their UTC day. Called by insertDecisions with the decisions it
 * just stored; decisions without a caller key are not counted.
 */
export async function addUsage(db: Kysely<Database>, decisions: readonly BilledDecision[]): Promise<void> {
  const totals = new Map<string, NewUsageByKey>();
  for (const decision of decisions) {
    if (decision.caller_key_hash === null) continue;
    const day = decision.created_at.toISOString().slice(0, 10);
    const key = `${decision.caller_key_hash} ${day}`;
    const total = totals.get(key) ?? { caller_key_hash: decision.caller_key_hash, day, requests: 0, cost_usd: 0 };
    total.requests = (total.requests ?? 0) + 1;
    total.cost_usd = (total.cost_usd ?? 0) + decision.cost_usd;
    totals.set(key, total);
  }
  if (totals.size === 0) return;
  const rows = [...totals.entries()].sort(([left], [right]) => (left < right ? -1 : 1)).map(([, row]) => row);
  await db
    .insertInto('usage_by_key')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['caller_key_hash', 'day']).doUpdateSet((eb) => ({
        requests: eb('usage_by_key.requests', '+', eb.ref('excluded.requests')),
        cost_usd: eb('usage_by_key.cost_usd', '+', eb.ref('excluded.cost_usd')),
      })),
    )
    .execute();
}

/** One caller key's usage, oldest day first. */
export async function listUsageByKey(db: Kysely<Database>, callerKeyHash: string): Promise<UsageByKey[]> {
  return db.selectFrom('usage_by_key').selectAll().where('caller_key_hash', '=', callerKeyHash).orderBy('day').execute();
}
