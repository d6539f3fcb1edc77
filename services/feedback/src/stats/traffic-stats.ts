import type { DailyStatsRow } from '@routewise/database';
import { computeCost, type CatalogModel } from '@routewise/policy';

export interface StatsRow {
  day: string;
  task: string;
  model: string;
  source: string;
  requests: number;
  cost_usd: number;
  /** What the same tokens would have cost on the baseline model. */
  baseline_cost_usd: number;
  savings_usd: number;
  thumbs_up: number;
  thumbs_down: number;
  /** Thumbs-up share of the rated requests; null when none was rated. */
  thumbs_up_rate: number | null;
  /** Share of requests where the fallback LLM was asked. */
  fallback_rate: number;
}

export interface TrafficStats {
  baseline_model: string;
  totals: Omit<StatsRow, 'day' | 'task' | 'model' | 'source'> & { savings_percent: number | null };
  rows: StatsRow[];
}

/**
 * Actual spend against the baseline: every group's prompt, cached and output tokens priced on the baseline model
 * (the seed's "one top model for everything"), so savings are measured on real traffic, not estimated.
 */
export function trafficStats(rows: readonly DailyStatsRow[], baseline: CatalogModel): TrafficStats {
  const statsRows = rows.map((row): StatsRow => {
    const baselineCost = computeCost(baseline, {
      inputTokens: Math.max(row.prompt_tokens - row.cached_input_tokens, 0),
      cachedInputTokens: row.cached_input_tokens,
      cacheWriteTokens: 0,
      outputTokens: row.completion_tokens,
      reasoningTokens: 0,
    }).totalUsd;
    return {
      day: row.day,
      task: row.task,
      model: row.model,
      source: row.source,
      requests: row.requests,
      cost_usd: row.cost_usd,
      baseline_cost_usd: baselineCost,
      savings_usd: baselineCost - row.cost_usd,
      thumbs_up: row.thumbs_up,
      thumbs_down: row.thumbs_down,
      thumbs_up_rate: rate(row.thumbs_up, row.thumbs_up + row.thumbs_down),
      fallback_rate: row.requests === 0 ? 0 : row.fallback_count / row.requests,
    };
  });
  const sum = (pick: (row: StatsRow) => number) => statsRows.reduce((total, row) => total + pick(row), 0);
  const requests = sum((row) => row.requests);
  const cost = sum((row) => row.cost_usd);
  const baselineCost = sum((row) => row.baseline_cost_usd);
  const thumbsUp = sum((row) => row.thumbs_up);
  const thumbsDown = sum((row) => row.thumbs_down);
  return {
    baseline_model: baseline.id,
    totals: {
      requests,
      cost_usd: cost,
      baseline_cost_usd: baselineCost,
      savings_usd: baselineCost - cost,
      savings_percent: baselineCost === 0 ? null : ((baselineCost - cost) / baselineCost) * 100,
      thumbs_up: thumbsUp,
      thumbs_down: thumbsDown,
      thumbs_up_rate: rate(thumbsUp, thumbsUp + thumbsDown),
      fallback_rate: requests === 0 ? 0 : sum((row) => row.fallback_rate * row.requests) / requests,
    },
    rows: statsRows,
  };
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
