import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import type { DecisionSource } from '../tables/decisions.table';

/** Decisions of one UTC day for one task, model and route source, with the feedback they received. */
export interface DailyStatsRow {
  /** `YYYY-MM-DD`, the UTC day of `created_at`. */
  day: string;
  task: string;
  model: string;
  source: DecisionSource;
  requests: number;
  cost_usd: number;
  /** Token sums, so the same traffic can be priced on another model. */
  prompt_tokens: number;
  cached_input_tokens: number;
  completion_tokens: number;
  thumbs_up: number;
  thumbs_down: number;
  /** Decisions that named a fallback model. */
  fallback_count: number;
}

export interface StatsRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Decisions created in [from, to) by UTC day, task, model and source, ordered that way. */
export async function statsByDay(db: Kysely<Database>, range: StatsRange): Promise<DailyStatsRow[]> {
  const day = sql<string>`to_char(${sql.ref('decisions.created_at')} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .selectFrom('decisions')
    .leftJoin('feedback', 'feedback.request_id', 'decisions.request_id')
    .select((eb) => [
      day.as('day'),
      'decisions.task',
      'decisions.model',
      'decisions.source',
      eb.cast<number>(eb.fn.countAll(), 'integer').as('requests'),
      eb.fn.sum<number>('decisions.cost_usd').as('cost_usd'),
      eb.cast<number>(eb.fn.sum('decisions.prompt_tokens'), 'bigint').as('prompt_tokens'),
      eb.cast<number>(eb.fn.sum('decisions.cached_input_tokens'), 'bigint').as('cached_input_tokens'),
      eb.cast<number>(eb.fn.sum('decisions.completion_tokens'), 'bigint').as('completion_tokens'),
      eb.cast<number>(eb.fn.countAll().filterWhere('feedback.rating', '=', 'up'), 'integer').as('thumbs_up'),
      eb.cast<number>(eb.fn.countAll().filterWhere('feedback.rating', '=', 'down'), 'integer').as('thumbs_down'),
      eb.cast<number>(eb.fn.count('decisions.fallback_model'), 'integer').as('fallback_count'),
    ])
    .where('decisions.created_at', '>=', range.from)
    .where('decisions.created_at', '<', range.to)
    .groupBy([day, 'decisions.task', 'decisions.model', 'decisions.source'])
    .orderBy('day')
    .orderBy('decisions.task')
    .orderBy('decisions.model')
    .orderBy('decisions.source')
    .execute();
}

/** Thumbs per task and model over all rated decisions: what learned model choice reads. */
export interface OutcomeRow {
  task: string;
  model: string;
  ups: number;
  downs: number;
}

export async function outcomesByTaskAndModel(db: Kysely<Database>): Promise<OutcomeRow[]> {
  return db
    .selectFrom('decisions')
    .innerJoin('feedback', 'feedback.request_id', 'decisions.request_id')
    .select((eb) => [
      'decisions.task',
      'decisions.model',
      eb.cast<number>(eb.fn.countAll().filterWhere('feedback.rating', '=', 'up'), 'integer').as('ups'),
      eb.cast<number>(eb.fn.countAll().filterWhere('feedback.rating', '=', 'down'), 'integer').as('downs'),
    ])
    .groupBy(['decisions.task', 'decisions.model'])
    .orderBy('decisions.task')
    .orderBy('decisions.model')
    .execute();
}
