import type { RoutewiseConfig } from '@routewise/config';
import type { TaskLabel } from '@routewise/taxonomy';
import { posteriorMean, probabilityBelow, type SatisfactionPosterior } from './beta-posterior';
import type { CatalogModel } from './model-catalog';
import { unmetRequirement } from './model-requirements';
import type { ConfiguredRoutingPolicy, PolicyDecision, PolicyInput, RoutingPolicy } from './routing-policy';

/** Thumbs per (task, model), as the feedback service reports them. */
export interface OutcomeTable {
  get(task: TaskLabel, model: string): SatisfactionPosterior | undefined;
}

export const NO_OUTCOMES: OutcomeTable = { get: () => undefined };

type LearningSettings = RoutewiseConfig['learning'];

/**
 * The configured policy, corrected by what users said. Only decisions the task map made (source classifier or llm,
 * not moved for size or capability) are touched: pinned models and rules are the operator's word.
 * - credibly below the satisfaction target → one tier up;
 * - a cheaper tier with enough ratings that does as well → one tier down;
 * - otherwise, with a small probability, explore one tier down so there is evidence for the previous rule.
 */
export class LearnedRoutingPolicy implements RoutingPolicy {
  constructor(
    private readonly base: ConfiguredRoutingPolicy,
    private readonly settings: LearningSettings,
    private readonly outcomes: () => OutcomeTable,
    private readonly random: () => number = Math.random,
  ) {}

  decide(input: PolicyInput): PolicyDecision {
    const decision = this.base.decide(input);
    if (!this.settings.enabled || (decision.source !== 'classifier' && decision.source !== 'llm') || decision.moved) return decision;
    const task = input.facts.task;
    const table = this.outcomes();
    const current = table.get(task, decision.model.id) ?? { ups: 0, downs: 0 };
    const rated = (posterior: SatisfactionPosterior) => posterior.ups + posterior.downs >= this.settings.min_ratings;
    const describe = (model: string, posterior: SatisfactionPosterior) =>
      `${model}'s thumbs-up rate for ${task} is ${(posteriorMean(posterior) * 100).toFixed(0)}% (posterior mean of ${posterior.ups} up, ${posterior.downs} down)`;

    if (rated(current) && probabilityBelow(current, this.settings.satisfaction_target) >= this.settings.credibility) {
      const up = this.neighbour(decision.model, +1, input);
      if (up) return learned(up, `${describe(decision.model.id, current)}, credibly below the ${this.settings.satisfaction_target * 100}% target; moved up a tier to ${up.id}`);
    }
    const down = this.neighbour(decision.model, -1, input);
    if (down) {
      const cheaper = table.get(task, down.id);
      if (cheaper && rated(cheaper) && rated(current) && posteriorMean(cheaper) >= posteriorMean(current) - this.settings.tolerance) {
        return learned(down, `${describe(down.id, cheaper)}, as good as ${decision.model.id}'s ${(posteriorMean(current) * 100).toFixed(0)}%; moved down a tier to it`);
      }
      if (this.random() < this.settings.exploration_rate) {
        return learned(down, `exploring ${down.id}, one tier cheaper than ${decision.model.id}, to learn whether it does ${task} as well`);
      }
    }
    return decision;
  }

  /** The cheapest model of the nearest tier above (+1) or below (-1) that can serve this request. */
  private neighbour(model: CatalogModel, direction: 1 | -1, input: PolicyInput): CatalogModel | null {
    const candidates = this.base.catalog.cheapestFirst(input.facts.promptTokens, input.facts.requestedOutputTokens, (candidate) =>
      (direction > 0 ? candidate.tier > model.tier : candidate.tier < model.tier) && unmetRequirement(candidate, input.facts) === null,
    );
    const nearestTier = direction > 0 ? Math.min(...candidates.map((c) => c.tier)) : Math.max(...candidates.map((c) => c.tier));
    return candidates.find((candidate) => candidate.tier === nearestTier) ?? null;
  }
}

function learned(model: CatalogModel, reason: string): PolicyDecision {
  return { model, provider: model.provider, source: 'learned', reason, rule: null, moved: false };
}
