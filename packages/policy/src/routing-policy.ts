import type { RoutewiseConfig } from '@routewise/config';
import { ContextLengthExceededError, InvalidRequestError, ModelNotFoundError } from '@routewise/errors';
import type { ProviderId } from '@routewise/providers';
import { ModelCatalog, type CatalogModel } from './model-catalog';
import { unmetRequirement } from './model-requirements';
import { firstMatchingRule } from './rule-evaluator';
import type { RoutingFacts } from './routing-facts';

/** Who decided: a pinned model, a rule, the classifier's task, the fallback LLM's task, or learned statistics. */
export type RouteSource = 'pinned' | 'rule' | 'classifier' | 'llm' | 'learned';

export interface PolicyInput {
  facts: RoutingFacts;
  /** A catalog id the caller asked for, or null for `model: "auto"`. */
  pinnedModel: string | null;
  /** Who set `facts.task`: the classifier, the fallback LLM, or the caller's `x-routewise-task` header. */
  taskSource: 'classifier' | 'llm' | 'header';
}

export interface PolicyDecision {
  model: CatalogModel;
  provider: ProviderId;
  source: RouteSource;
  /** A sentence a person can read: which rule or map entry chose the model, and any move for size or capability. */
  reason: string;
  rule: string | null;
  /** True when the chosen model could not serve the request and the policy moved it (window, tools, vision). */
  moved: boolean;
}

/** Chooses the model. Implementations: the configured rules and task map (below); learned choice wraps it later. */
export interface RoutingPolicy {
  decide(input: PolicyInput): PolicyDecision;
}

export class ConfiguredRoutingPolicy implements RoutingPolicy {
  readonly catalog: ModelCatalog;

  constructor(private readonly config: RoutewiseConfig) {
    this.catalog = new ModelCatalog(config.catalog);
  }

  decide({ facts, pinnedModel, taskSource }: PolicyInput): PolicyDecision {
    if (pinnedModel !== null) return this.pinned(pinnedModel, facts);

    const rule = firstMatchingRule(this.config.rules, facts);
    const chosenId = rule ? rule.model : this.config.tasks[facts.task];
    const chosen = this.mustGet(chosenId);
    const source: RouteSource = rule || taskSource === 'header' ? 'rule' : taskSource;
    const why = rule
      ? `rule '${rule.name}' matched`
      : taskSource === 'header'
        ? `task '${facts.task}' set by the x-routewise-task header maps to ${chosen.id}`
        : `task '${facts.task}' (from the ${taskSource === 'llm' ? 'fallback LLM' : 'classifier'}) maps to ${chosen.id}`;

    const problem = unmetRequirement(chosen, facts);
    if (problem === null) return { model: chosen, provider: chosen.provider, source, reason: why, rule: rule?.name ?? null, moved: false };


    // Prefer a model at least as capable as the one chosen; only when none fits, any model that can serve it.
    const candidates = this.catalog.cheapestFirst(facts.promptTokens, facts.requestedOutputTokens, (model) => unmetRequirement(model, facts) === null);
    const replacement = candidates.find((model) => model.tier >= chosen.tier) ?? candidates[0];
    if (!replacement) {
      throw new ContextLengthExceededError(
        `No model in the catalog can serve this request: ${problem.message}, and no other model can either.`,
      );
    }
    return {
      model: replacement,
      provider: replacement.provider,
      source,
      reason: `${why}, but ${problem.message}; moved to ${replacement.id}, the cheapest ${replacement.tier >= chosen.tier ? 'model as capable that can' : 'model that can'}`,
      rule: rule?.name ?? null,
      moved: true,
    };
  }

  private pinned(id: string, facts: RoutingFacts): PolicyDecision {
    const model = this.catalog.get(id);
    if (!model) throw new ModelNotFoundError(id);
    const problem = unmetRequirement(model, facts);
    if (problem !== null) {
      if (problem.kind === 'context_window' || problem.kind === 'max_output') {
        throw new ContextLengthExceededError(`The pinned model cannot serve this request: ${problem.message}. Use "auto" to let Routewise pick one that can.`);
      }
      throw new InvalidRequestError(`The pinned model cannot serve this request: ${problem.message}.`, 'model');
    }
    return { model, provider: model.provider, source: 'pinned', reason: `model '${id}' pinned by the caller`, rule: null, moved: false };
  }

  private mustGet(id: string): CatalogModel {
    const model = this.catalog.get(id);
    if (!model) throw new Error(`config validated but catalog has no '${id}'`);
    return model;
  }
}
