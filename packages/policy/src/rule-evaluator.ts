import type { RoutingRule, RuleCondition } from '@routewise/config';
import type { RoutingFacts } from './routing-facts';

/** True when every field of the condition holds for these facts. */
export function conditionHolds(condition: RuleCondition, facts: RoutingFacts): boolean {
  const { prompt_tokens: tokens, task, user_tier: tier, prompt } = condition;
  if (tokens) {
    if (tokens.gt !== undefined && !(facts.promptTokens > tokens.gt)) return false;
    if (tokens.gte !== undefined && !(facts.promptTokens >= tokens.gte)) return false;
    if (tokens.lt !== undefined && !(facts.promptTokens < tokens.lt)) return false;
    if (tokens.lte !== undefined && !(facts.promptTokens <= tokens.lte)) return false;
  }
  if (task && !matchesSet(facts.task, task)) return false;
  if (tier && (facts.userTier === null || !matchesSet(facts.userTier, tier))) return false;
  if (prompt) {
    const text = facts.promptText.toLowerCase();
    if (prompt.contains_any && !prompt.contains_any.some((needle) => text.includes(needle.toLowerCase()))) return false;
    if (prompt.matches && !compiledRegex(prompt.matches).test(facts.promptText)) return false;
  }
  if (condition.tools !== undefined && condition.tools !== facts.tools) return false;
  if (condition.images !== undefined && condition.images !== facts.images) return false;
  if (condition.latency !== undefined && condition.latency !== facts.latency) return false;
  if (condition.any && !condition.any.some((inner) => conditionHolds(inner, facts))) return false;
  if (condition.not && conditionHolds(condition.not, facts)) return false;
  return true;
}

/** The first rule whose condition holds, or null. Order in the config is priority. */
export function firstMatchingRule(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingRule | null {
  return rules.find((rule) => conditionHolds(rule.when, facts)) ?? null;
}

function matchesSet<T extends string>(value: T, match: { eq?: T | undefined; in?: T[] | undefined; not_in?: T[] | undefined }): boolean {
  if (match.eq !== undefined && value !== match.eq) return false;
  if (match.in !== undefined && !match.in.includes(value)) return false;
  if (match.not_in !== undefined && match.not_in.includes(value)) return false;
  return true;
}

const regexCache = new Map<string, RegExp>();

function compiledRegex(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) {
    regex = new RegExp(source, 'i');
    regexCache.set(source, regex);
  }
  return regex;
}
