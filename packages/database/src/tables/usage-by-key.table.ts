import type { Insertable, Selectable } from 'kysely';

/** Requests and spend per caller key and UTC day, maintained by insertDecisions. */
export interface UsageByKeyTable {
  /** First 16 hex of the sha256 of the caller's bearer token. */
  caller_key_hash: string;
  /** A date column, read as `YYYY-MM-DD` (UTC day of the decision). */
  day: string;
  requests: number;
  cost_usd: number;
}

export type UsageByKey = Selectable<UsageByKeyTable>;
export type NewUsageByKey = Insertable<UsageByKeyTable>;
