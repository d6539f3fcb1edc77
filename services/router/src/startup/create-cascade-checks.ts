import { createAnswerChecks, type AnswerCheck, type CheckName } from '@routewise/checks';
import type { RoutewiseConfig } from '@routewise/config';
import { computeCost, type ModelCatalog } from '@routewise/policy';
import { PROVIDER_REGISTRY, type ProviderAdapter, type WireFormat } from '@routewise/providers';
import type { ProviderTargetResolver } from '../dispatch/provider-target-resolver';

/**
 * The checks cascades can ask for. The `judge` check exists when its model (config `cascade.judge.model`) can be
 * called with the operator's configuration — in demo mode through the simulated adapter, whose answers carry no score,
 * so the judge passes them with "judge unavailable".
 */
export function createCascadeChecks(
  config: RoutewiseConfig,
  catalog: ModelCatalog,
  targets: ProviderTargetResolver,
  adapters: Readonly<Record<WireFormat, ProviderAdapter>>,
  simulatedAdapter: ProviderAdapter,
): ReadonlyMap<CheckName, AnswerCheck> {
  const model = catalog.get(config.cascade.judge.model);
  if (!model) return createAnswerChecks();
  let resolved: ReturnType<ProviderTargetResolver['resolve']>;
  try {
    resolved = targets.resolve(model, new Map());
  } catch {
    return createAnswerChecks();
  }
  return createAnswerChecks({
    judge: {
      adapter: resolved.simulated ? simulatedAdapter : adapters[PROVIDER_REGISTRY[model.provider].wireFormat],
      target: resolved.target,
      model: { id: model.id, costOfUsage: (usage) => computeCost(model, usage).totalUsd },
      threshold: config.cascade.judge.threshold,
      timeoutMs: config.cascade.judge.timeout_ms,
    },
  });
}
