import type { Response } from 'express';
import type { RoutedRequest } from '../pipeline/pipeline';

/** The x-routewise-* headers every routed answer carries. */
export function setRoutingHeaders(response: Response, routed: RoutedRequest, costUsd: number, simulated: boolean): void {
  response.setHeader('x-routewise-request-id', routed.requestId);
  response.setHeader('x-routewise-task', routed.outcome.task);
  response.setHeader('x-routewise-model', routed.decision.model.id);
  response.setHeader('x-routewise-confidence', routed.prediction.confidence.toFixed(4));
  response.setHeader('x-routewise-route-source', routed.decision.source);
  response.setHeader('x-routewise-cost-usd', formatUsd(costUsd));
  if (simulated) response.setHeader('x-routewise-simulated', 'true');
}

/** Enough digits for sub-cent calls (a 50-token classification costs about $0.00004). */
export function formatUsd(usd: number): string {
  return usd.toFixed(8);
}
