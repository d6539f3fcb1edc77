import type { Request, Response } from 'express';
import { InvalidRequestError } from '@routewise/errors';
import { outcomesByTaskAndModel, statsByDay, type Database, type Kysely } from '@routewise/database';
import { posteriorMean, probabilityBelow, type CatalogModel } from '@routewise/policy';
import { trafficStats } from '../stats/traffic-stats';
import { dateParameter } from './date-parameter';

const DAY_MS = 24 * 60 * 60 * 1000;

/** GET /v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: spend, baseline spend, savings, thumbs-up and fallback rates. */
export function statsHandler(db: Kysely<Database>, baseline: CatalogModel, satisfactionTarget: number) {
  return async (request: Request, response: Response): Promise<void> => {
    const to = dateParameter(request.query['to'], 'to') ?? new Date(Date.now() + DAY_MS);
    const from = dateParameter(request.query['from'], 'from') ?? new Date(to.getTime() - 31 * DAY_MS);
    if (from >= to) throw new InvalidRequestError("'from' must be before 'to'.", 'from');
    const stats = trafficStats(await statsByDay(db, { from, to }), baseline);
    // What learned model choice sees: every rating so far, per task and model, as a Beta posterior.
    const learned = (await outcomesByTaskAndModel(db)).map((row) => ({
      ...row,
      posterior_mean: posteriorMean(row),
      probability_below_target: probabilityBelow(row, satisfactionTarget),
    }));
    response.json({ from: from.toISOString(), to: to.toISOString(), ...stats, learned: { satisfaction_target: satisfactionTarget, outcomes: learned } });
  };
}
