/**
 * Every provider Routewise can call. A new OpenAI-compatible provider is one entry here: no new code.
 * `byokHeader` carries a caller's own key for that provider on one request.
 */
export const PROVIDER_REGISTRY = {
  openai: { wireFormat: 'openai', keyVariable: 'OPENAI_API_KEY', baseUrlVariable: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1', requiresKey: true },
  anthropic: { wireFormat: 'anthropic', keyVariable: 'ANTHROPIC_API_KEY', baseUrlVariable: 'ANTHROPIC_BASE_URL', defaultBaseUrl: 'https://api.anthropic.com', requiresKey: true },
  gemini: { wireFormat: 'openai', keyVariable: 'GEMINI_API_KEY', baseUrlVariable: 'GEMINI_BASE_URL', defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', requiresKey: true },
  groq: { wireFormat: 'openai', keyVariable: 'GROQ_API_KEY', baseUrlVariable: 'GROQ_BASE_URL', defaultBaseUrl: 'https://api.groq.com/openai/v1', requiresKey: true },
  deepseek: { wireFormat: 'openai', keyVariable: 'DEEPSEEK_API_KEY', baseUrlVariable: 'DEEPSEEK_BASE_URL', defaultBaseUrl: 'https://api.deepseek.com/v1', requiresKey: true },
  mistral: { wireFormat: 'openai', keyVariable: 'MISTRAL_API_KEY', baseUrlVariable: 'MISTRAL_BASE_URL', defaultBaseUrl: 'https://api.mistral.ai/v1', requiresKey: true },
  xai: { wireFormat: 'openai', keyVariable: 'XAI_API_KEY', baseUrlVariable: 'XAI_BASE_URL', defaultBaseUrl: 'https://api.x.ai/v1', requiresKey: true },
  together: { wireFormat: 'openai', keyVariable: 'TOGETHER_API_KEY', baseUrlVariable: 'TOGETHER_BASE_URL', defaultBaseUrl: 'https://api.together.xyz/v1', requiresKey: true },
  fireworks: { wireFormat: 'openai', keyVariable: 'FIREWORKS_API_KEY', baseUrlVariable: 'FIREWORKS_BASE_URL', defaultBaseUrl: 'https://api.fireworks.ai/inference/v1', requiresKey: true },
  cerebras: { wireFormat: 'openai', keyVariable: 'CEREBRAS_API_KEY', baseUrlVariable: 'CEREBRAS_BASE_URL', defaultBaseUrl: 'https://api.cerebras.ai/v1', requiresKey: true },
  openrouter: { wireFormat: 'openai', keyVariable: 'OPENROUTER_API_KEY', baseUrlVariable: 'OPENROUTER_BASE_URL', defaultBaseUrl: 'https://openrouter.ai/api/v1', requiresKey: true },
  ollama: { wireFormat: 'openai', keyVariable: 'OLLAMA_API_KEY', baseUrlVariable: 'OLLAMA_BASE_URL', defaultBaseUrl: 'http://127.0.0.1:11434/v1', requiresKey: false },
  vllm: { wireFormat: 'openai', keyVariable: 'VLLM_API_KEY', baseUrlVariable: 'VLLM_BASE_URL', defaultBaseUrl: 'http://127.0.0.1:8000/v1', requiresKey: false },
} as const satisfies Record<string, ProviderDefinition>;

export interface ProviderDefinition {
  wireFormat: 'openai' | 'anthropic';
  keyVariable: string;
  baseUrlVariable: string;
  defaultBaseUrl: string;
  /** Self-hosted servers (Ollama, vLLM) work without a key. */
  requiresKey: boolean;
}

export type ProviderId = keyof typeof PROVIDER_REGISTRY;

export const PROVIDER_IDS = Object.keys(PROVIDER_REGISTRY) as ProviderId[];

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && Object.hasOwn(PROVIDER_REGISTRY, value);
}

/** Request header carrying a caller's own key for one provider (BYOK), e.g. `x-routewise-key-openai`. */
export function byokHeaderFor(provider: ProviderId): string {
  return `x-routewise-key-${provider}`;
}
