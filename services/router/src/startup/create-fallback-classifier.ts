import type { RoutewiseConfig } from '@routewise/config';
import { PROVIDER_REGISTRY, type ProviderAdapter, type WireFormat } from '@routewise/providers';
import type { ModelCatalog } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';
import type { ProviderTargetResolver } from '../dispatch/provider-target-resolver';
import { LlmFallbackClassifier } from '../fallback/llm-fallback-classifier';

/**
 * The fallback LLM, when the operator configured its provider. Callers' own keys are not spent on it, and demo
 * mode has none, so without an operator key the classifier's answer always stands.
 */
export function createFallbackClassifier(
  config: RoutewiseConfig,
  catalog: ModelCatalog,
  targets: ProviderTargetResolver,
  adapters: Readonly<Record<WireFormat, ProviderAdapter>>,
  logger: Logger,
): LlmFallbackClassifier | null {
  const model = catalog.get(config.classifier.fallback_model);
  if (!model || !targets.isConfigured(model.provider)) return null;
  const resolved = targets.resolve(model, new Map());
  return new LlmFallbackClassifier({
    model,
    adapter: adapters[PROVIDER_REGISTRY[model.provider].wireFormat],
    target: resolved.target,
    timeoutMs: config.classifier.fallback_timeout_ms,
    cacheEntries: config.classifier.fallback_cache_entries,
    logger,
  });
}
