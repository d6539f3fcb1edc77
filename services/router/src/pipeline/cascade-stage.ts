import type { AnswerCheck, CheckName } from '@routewise/checks';
import { runChecks } from '@routewise/checks';
import type { RoutewiseConfig } from '@routewise/config';
import { InvalidRequestError, RoutewiseError } from '@routewise/errors';
import type { CatalogModel, ModelCatalog } from '@routewise/policy';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { dispatchCompletion, type DispatchDependencies, type DispatchedCompletion } from './dispatch-stage';
import type { RoutedRequest } from './pipeline';

/** Which models to try, in order, and what every answer must pass. */
export interface CascadePlan {
  models: CatalogModel[];
  checks: CheckName[];
  /** `request` when the body's `routewise` options asked for it, `config` when the task's cascade did. */
  origin: 'request' | 'config';
}

export interface CascadeAttempt {
  model: string;
  passed: boolean;
  /** The check that failed, `error` when the model's call failed, null when it passed. */
  failed: CheckName | 'error' | null;
  reason: string;
  /** The call plus what its checks cost (the judge calls a model). */
  costUsd: number;
}

export interface CascadeOutcome {
  answer: DispatchedCompletion;
  attempts: CascadeAttempt[];
  /** Every model failed a check: the last answer is returned, marked. */
  exhausted: boolean;
  totalCostUsd: number;
  upstreamMs: number;
}

/**
 * The cascade for this request, or null: the body's `routewise.cascade` wins; otherwise the task's cascade from the
 * config, unless the caller pinned a model or a config rule chose one (those are explicit choices).
 */
export function planCascade(routed: RoutedRequest, config: RoutewiseConfig, catalog: ModelCatalog, checks: ReadonlyMap<CheckName, AnswerCheck>): CascadePlan | null {
  const options = routed.request.routewise;
  const fromConfig = config.cascade.tasks[routed.outcome.task];
  let plan: CascadePlan | null = null;
  if (options?.cascade) {
    const models = options.cascade.map((id, index) => {
      const model = catalog.get(id);
      if (!model) throw new InvalidRequestError(`'${id}' in routewise.cascade is not a catalog model id.`, `routewise.cascade[${index}]`);
      return model;
    });
    plan = { models, checks: options.checks ?? ['non_empty'], origin: 'request' };
  } else if (options?.checks) {
    plan = { models: [routed.decision.model], checks: options.checks, origin: 'request' };
  } else if (fromConfig && routed.decision.source !== 'pinned' && routed.decision.rule === null) {
    plan = { models: fromConfig.models.map((id) => catalog.get(id)!), checks: fromConfig.checks, origin: 'config' };
  }
  const missing = plan?.checks.find((name) => !checks.has(name));
  if (missing) throw new InvalidRequestError(`The '${missing}' check is not available on this router.`, 'routewise.checks');
  return plan;
}

/** Stage 7 with a cascade: each model answers in turn until an answer passes every check; never loops. */
export async function dispatchCascade(
  routed: RoutedRequest,
  plan: CascadePlan,
  dispatch: DispatchDependencies,
  checks: ReadonlyMap<CheckName, AnswerCheck>,
): Promise<CascadeOutcome> {
  const attempts: CascadeAttempt[] = [];
  let last: DispatchedCompletion | null = null;
  let upstreamMs = 0;
  for (const [index, model] of plan.models.entries()) {
    const isLast = index === plan.models.length - 1;
    let answer: DispatchedCompletion;
    try {
      answer = await dispatchCompletion(routed, dispatch, model);
    } catch (error) {
      if (isLast && last === null) throw error;
      attempts.push({ model: model.id, passed: false, failed: 'error', reason: error instanceof RoutewiseError ? error.message : 'call failed', costUsd: 0 });
      if (isLast) break;
      continue;
    }
    upstreamMs += answer.upstreamMs;
    const results = await runChecks(checks, plan.checks, { request: routed.request as unknown as ChatCompletionCreateParams, answer: answer.completion });
    const failure = results.find((result) => !result.passed) ?? null;
    const checkCost = results.reduce((sum, result) => sum + result.costUsd, 0);
    attempts.push({
      model: model.id,
      passed: failure === null,
      failed: failure?.check ?? null,
      reason: failure?.reason ?? results.map((result) => `${result.check}: ${result.reason}`).join('; '),
      costUsd: answer.cost.usd + checkCost,
    });
    last = answer;
    if (failure === null) break;
  }
  const totalCostUsd = attempts.reduce((sum, attempt) => sum + attempt.costUsd, 0);
  return { answer: last!, attempts, exhausted: !attempts.at(-1)!.passed, totalCostUsd, upstreamMs };
}

/** `gpt-4o-mini:fail(json_schema);claude-sonnet-5-5:pass`, the `x-routewise-cascade` header. */
export function cascadeHeader(attempts: readonly CascadeAttempt[]): string {
  return attempts.map((attempt) => `${attempt.model}:${attempt.passed ? 'pass' : `fail(${attempt.failed})`}`).join(';');
}
