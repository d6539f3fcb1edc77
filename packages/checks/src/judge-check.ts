import type { ProviderAdapter, ProviderCallTarget, UsageBreakdown } from '@routewise/providers';
import { readUsage } from '@routewise/providers';
import type { AnswerCheck, CheckContext, CheckResult } from './answer-check';
import { quote } from './answer-message';
import { DEFAULT_JUDGE_PROMPT_LIMITS, judgeMessages, type JudgePromptLimits } from './judge-prompt';

/** The judge model as the caller's catalog knows it: an id for reasons and the price of its usage. */
export interface JudgeModel {
  /** Catalog id, e.g. `gpt-4o-mini`. */
  id: string;
  /** USD for one call's usage (the policy package's price rules, passed in to keep this package independent). */
  costOfUsage(usage: UsageBreakdown): number;
}

export interface JudgeOptions {
  adapter: ProviderAdapter;
  target: ProviderCallTarget;
  model: JudgeModel;
  /** Lowest passing score, 1-10; default 7. */
  threshold?: number;
  /** For the judge's call; default 15000. */
  timeoutMs?: number;
  promptLimits?: Partial<JudgePromptLimits>;
}

const SCORE = /^(10|[1-9])$/;

/**
 * `judge`: a cheap model scores the answer 1-10 against the request with a short rubric (judge-prompt.ts); a score at
 * or above the threshold passes.
 *
 * Fails open: when the judge cannot give a score (error, timeout, a reply that is not exactly one integer 1-10) the
 * check passes with "judge unavailable: ...". A broken judge must not escalate every request to the strongest,
 * dearest model; the reason still shows in the cascade header and the decision record. Cost is the judge's usage,
 * also on an unusable reply.
 */
export class JudgeCheck implements AnswerCheck {
  readonly name = 'judge' as const;
  private readonly threshold: number;
  private readonly timeoutMs: number;
  private readonly promptLimits: JudgePromptLimits;

  constructor(private readonly options: JudgeOptions) {
    this.threshold = options.threshold ?? 7;
    if (!Number.isInteger(this.threshold) || this.threshold < 1 || this.threshold > 10) {
      throw new RangeError(`The judge threshold must be an integer from 1 to 10, not ${options.threshold}.`);
    }
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.promptLimits = { ...DEFAULT_JUDGE_PROMPT_LIMITS, ...options.promptLimits };
  }

  async run({ request, answer }: CheckContext): Promise<CheckResult> {
    const { adapter, target, model } = this.options;
    let reply: string;
    let costUsd: number;
    try {
      const completion = await adapter.complete(
        // max_tokens leaves room for "10" and nothing more: the judge must be a model that answers without hidden reasoning.
        { model: target.upstreamModel, messages: judgeMessages(request, answer, this.promptLimits), temperature: 0, max_tokens: 5 },
        target,
        { timeoutMs: this.timeoutMs },
      );
      costUsd = model.costOfUsage(readUsage(completion.usage));
      const content: unknown = completion.choices[0]?.message?.content;
      reply = typeof content === 'string' ? content.trim() : '';
    } catch (error) {
      return this.result(true, `judge unavailable: ${model.id}: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    if (!SCORE.test(reply)) return this.result(true, `judge unavailable: ${model.id} replied ${quote(reply, 40)}, not a score 1-10`, costUsd);
    const score = Number(reply);
    return score >= this.threshold
      ? this.result(true, `${model.id} scored ${score}/10 (threshold ${this.threshold})`, costUsd)
      : this.result(false, `${model.id} scored ${score}/10, below the threshold of ${this.threshold}`, costUsd);
  }

  private result(passed: boolean, reason: string, costUsd: number): CheckResult {
    return { check: this.name, passed, reason, costUsd };
  }
}
