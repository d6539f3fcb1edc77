import { isDemoMode, type ProviderCredentials } from '@routewise/config';
import { MissingProviderKeyError } from '@routewise/errors';
import { byokHeaderFor, PROVIDER_REGISTRY, type ProviderCallTarget, type ProviderId } from '@routewise/providers';
import type { CatalogModel } from '@routewise/policy';

export type ResolvedTarget = { simulated: false; target: ProviderCallTarget } | { simulated: true; target: ProviderCallTarget };

/**
 * Picks the key and base URL for a model: the caller's own key (BYOK header) first, then the operator's. With no
 * provider configured at all (demo mode) and no caller key, the answer is simulated. Otherwise a missing key is an
 * error that names the variable to set.
 */
export class ProviderTargetResolver {
  readonly demoMode: boolean;

  constructor(private readonly credentials: ProviderCredentials) {
    this.demoMode = isDemoMode(credentials);
  }

  resolve(model: CatalogModel, callerKeys: ReadonlyMap<ProviderId, string>): ResolvedTarget {
    const provider = model.provider;
    const credential = this.credentials[provider];
    const definition = PROVIDER_REGISTRY[provider];
    const callerKey = callerKeys.get(provider);
    const apiKey = callerKey ?? credential.apiKey;
    const target: ProviderCallTarget = { provider, upstreamModel: model.upstreamModel, baseURL: credential.baseURL, apiKey: apiKey ?? 'none' };
    if (callerKey !== undefined || credential.configured) return { simulated: false, target };
    if (this.demoMode) return { simulated: true, target };
    if (!definition.requiresKey) return { simulated: false, target };
    throw new MissingProviderKeyError(provider, definition.keyVariable, byokHeaderFor(provider));
  }

  /** True when calls to this provider can be made with the operator's own configuration. */
  isConfigured(provider: ProviderId): boolean {
    return this.credentials[provider].configured;
  }
}
