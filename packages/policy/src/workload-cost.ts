import type { Workload } from '@routewise/config';
import { estimateCost } from './request-cost';
import type { CatalogModel } from './model-catalog';
import type { ConfiguredRoutingPolicy } from './routing-policy';

export interface SegmentCost {
  name: string;
  requests: number;
  baseline: { model: string; usd: number };
  routed: { model: string; usd: number; reason: string };
  /** Routed plus cascading: the first model always answers, the routed one only on escalation. */
  cascaded: { models: string[]; escalationRate: number; usd: number };
}

export interface WorkloadCost {
  segments: SegmentCost[];
  totals: { baselineUsd: number; routedUsd: number; cascadedUsd: number };
}

/**
 * Prices a monthly workload three ways: A, every request on the baseline model; B, each segment where the default
 * routing policy sends it (a request of the segment's size and task); C, B with the workload's cascades.
 */
export function estimateWorkloadCost(workload: Workload, policy: ConfiguredRoutingPolicy, escalationOverride?: number): WorkloadCost {
  const model = (id: string): CatalogModel => {
    const found = policy.catalog.get(id);
    if (!found) throw new Error(`'${id}' is not in the catalog`);
    return found;
  };
  const baseline = model(workload.baseline_model);
  const segments = workload.segments.map((segment): SegmentCost => {
    const requests = workload.requests_per_month * segment.share;
    const perRequest = (candidate: CatalogModel) => estimateCost(candidate, segment.input_tokens, segment.output_tokens);
    const decision = policy.decide({
      facts: {
        promptTokens: segment.input_tokens,
        requestedOutputTokens: segment.output_tokens,
        task: segment.task,
        userTier: null,
        latency: 'normal',
        tools: false,
        images: false,
        promptText: '',
      },
      pinnedModel: null,
      taskSource: 'classifier',
    });
    const routedUsd = requests * perRequest(decision.model);
    const cascade = workload.cascades[segment.name];
    const escalationRate = cascade ? (escalationOverride ?? cascade.escalation_rate) : 0;
    const cascaded = cascade
      ? { models: [cascade.first, decision.model.id], escalationRate, usd: requests * (perRequest(model(cascade.first)) + escalationRate * perRequest(decision.model)) }
      : { models: [decision.model.id], escalationRate: 0, usd: routedUsd };
    return {
      name: segment.name,
      requests,
      baseline: { model: baseline.id, usd: requests * perRequest(baseline) },
      routed: { model: decision.model.id, usd: routedUsd, reason: decision.reason },
      cascaded,
    };
  });
  const sum = (pick: (segment: SegmentCost) => number) => segments.reduce((total, segment) => total + pick(segment), 0);
  return {
    segments,
    totals: { baselineUsd: sum((s) => s.baseline.usd), routedUsd: sum((s) => s.routed.usd), cascadedUsd: sum((s) => s.cascaded.usd) },
  };
}
