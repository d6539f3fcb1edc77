import { PROVIDER_IDS, PROVIDER_REGISTRY, type ProviderId } from '@routewise/providers';

export interface ProviderCredential {
  /** From the environment; undefined when the variable is unset or empty. */
  apiKey: string | undefined;
  baseURL: string;
  /** True when the operator set the key (or, for keyless self-hosted providers, the base URL). */
  configured: boolean;
}

export type ProviderCredentials = Readonly<Record<ProviderId, ProviderCredential>>;

/** Reads every provider's `<NAME>_API_KEY` and `<NAME>_BASE_URL`, once, at start. */
export function readProviderCredentials(environment: NodeJS.ProcessEnv): ProviderCredentials {
  const entries = PROVIDER_IDS.map((id) => {
    const definition = PROVIDER_REGISTRY[id];
    const apiKey = nonEmpty(environment[definition.keyVariable]);
    const baseUrlOverride = nonEmpty(environment[definition.baseUrlVariable]);
    const configured = definition.requiresKey ? apiKey !== undefined : baseUrlOverride !== undefined || apiKey !== undefined;
    const credential: ProviderCredential = {
      apiKey,
      baseURL: (baseUrlOverride ?? definition.defaultBaseUrl).replace(/\/+$/, ''),
      configured,
    };
    return [id, Object.freeze(credential)] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<ProviderId, ProviderCredential>);
}

/** Demo mode: no provider is configured at all, so answers are simulated. */
export function isDemoMode(credentials: ProviderCredentials): boolean {
  return PROVIDER_IDS.every((id) => !credentials[id].configured);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
