import type { Request, Response } from 'express';
import type { RoutingPipeline } from '../pipeline/pipeline';
import { recordDecision } from '../pipeline/record-stage';
import { readRoutingHeaders } from '../pipeline/routing-headers';
import type { DecisionRecorder } from '../recording/decision-record';
import { setRoutingHeaders } from './routing-response-headers';

/** POST /v1/route: the decision for a chat request, without calling a provider. */
export function routeDecisionHandler(pipeline: RoutingPipeline, recorder: DecisionRecorder) {
  return async (request: Request, response: Response): Promise<void> => {
    const routed = await pipeline.route(request.body, readRoutingHeaders(request.headers));
    recordDecision(recorder, routed, { kind: 'route', cost: null, simulated: false, upstreamMs: 0, errorCode: null });
    setRoutingHeaders(response, routed, routed.estimatedCostUsd, false);
    response.json({
      request_id: routed.requestId,
      task: routed.outcome.task,
      confidence: routed.prediction.confidence,
      probabilities: routed.prediction.probabilities,
      source: routed.decision.source,
      model: routed.decision.model.id,
      provider: routed.decision.provider,
      reason: routed.decision.reason,
      rule: routed.decision.rule,
      estimated_cost_usd: routed.estimatedCostUsd,
      prompt_tokens: routed.features.promptTokens,
      classifier_version: routed.classifierVersion,
      embedder: routed.embedderId,
      routing_ms: routed.routingMs,
    });
  };
}
