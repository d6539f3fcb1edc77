import { toWireFeatureRow } from '@routewise/classifier';
import type { CallCost } from '../dispatch/call-cost';
import type { CascadeAttempt } from './cascade-stage';
import type { DecisionRecord, DecisionRecorder } from '../recording/decision-record';
import type { RoutedRequest } from './pipeline';

export interface CallOutcome {
  kind: DecisionRecord['kind'];
  cost: CallCost | null;
  simulated: boolean;
  upstreamMs: number;
  errorCode: string | null;
  /** The cascade's attempts; `cost` is then the sum of all of them. */
  cascade?: CascadeAttempt[] | null;
}

/** Stage 8: hand the decision to the recorder; it must never delay or fail the response. */
export function recordDecision(recorder: DecisionRecorder, routed: RoutedRequest, outcome: CallOutcome): DecisionRecord {
  const { decision, prediction, features } = routed;
  const record: DecisionRecord = {
    requestId: routed.requestId,
    createdAt: new Date().toISOString(),
    kind: outcome.kind,
    task: routed.outcome.task,
    confidence: prediction.confidence,
    probabilities: prediction.probabilities,
    classifierTask: prediction.task,
    source: decision.source,
    reason: decision.reason,
    rule: decision.rule,
    model: decision.model.id,
    provider: decision.provider,
    fallbackModel: routed.outcome.fallback.asked ? routed.outcome.fallback.model : null,
    fallbackCostUsd: routed.outcome.fallback.asked ? routed.outcome.fallback.costUsd : 0,
    stream: routed.request.stream === true,
    simulated: outcome.simulated,
    userTier: routed.headers.userTier,
    promptTokens: outcome.cost ? totalInput(outcome.cost) : features.promptTokens,
    completionTokens: outcome.cost?.usage.outputTokens ?? 0,
    cachedInputTokens: outcome.cost?.usage.cachedInputTokens ?? 0,
    reasoningTokens: outcome.cost?.usage.reasoningTokens ?? 0,
    costUsd: outcome.cost?.usd ?? 0,
    costEstimated: outcome.cost?.estimated ?? true,
    routingMs: routed.routingMs,
    upstreamMs: outcome.upstreamMs,
    totalMs: performance.now() - routed.startedAt,
    embedderId: routed.embedderId,
    classifierVersion: routed.classifierVersion,
    status: outcome.errorCode === null ? 'ok' : 'error',
    errorCode: outcome.errorCode,
    promptHash: routed.promptHash,
    promptText: routed.promptText,
    callerKeyHash: routed.headers.callerKeyHash,
    features: toWireFeatureRow(prediction.features),
    featureLayout: routed.featureLayout,
    cascade: outcome.cascade ?? null,
  };
  try {
    recorder.record(record);
  } catch {
    // A recorder failure must not fail the request; recorders count their own drops.
  }
  return record;
}

function totalInput(cost: CallCost): number {
  return cost.usage.inputTokens + cost.usage.cachedInputTokens + cost.usage.cacheWriteTokens;
}
