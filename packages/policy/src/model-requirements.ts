import type { RoutingFacts } from './routing-facts';
import type { CatalogModel } from './model-catalog';

export interface UnmetRequirement {
  kind: 'context_window' | 'max_output' | 'tools' | 'vision';
  message: string;
}

/** Why a model cannot serve this request, or null when it can. */
export function unmetRequirement(model: CatalogModel, facts: RoutingFacts): UnmetRequirement | null {
  const count = (tokens: number) => tokens.toLocaleString('en-US');
  if (facts.promptTokens + facts.requestedOutputTokens > model.context_window) {
    return {
      kind: 'context_window',
      message: `${model.id}'s ${count(model.context_window)}-token context window cannot hold ${count(facts.promptTokens)} prompt + ${count(facts.requestedOutputTokens)} output tokens`,
    };
  }
  if (facts.requestedOutputTokens > model.max_output_tokens) {
    return { kind: 'max_output', message: `${model.id} writes at most ${count(model.max_output_tokens)} output tokens` };
  }
  if (facts.tools && !model.capabilities.includes('tools')) return { kind: 'tools', message: `${model.id} does not support tools` };
  if (facts.images && !model.capabilities.includes('vision')) return { kind: 'vision', message: `${model.id} does not accept images` };
  return null;
}
