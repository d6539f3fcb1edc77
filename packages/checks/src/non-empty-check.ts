import type { AnswerCheck, CheckContext, CheckResult } from './answer-check';
import { answerText, firstChoice, hasToolCalls, quote } from './answer-message';
import { isRefusalText } from './refusal-text';

/**
 * `non_empty`: the answer is there, whole and not a refusal. Fails on no choices, `finish_reason` `length`
 * (truncated) or `content_filter`, a `refusal` field, whitespace-only text without tool calls, and a short answer
 * that is only "I can't help with that" (see refusal-text.ts: conservative on purpose).
 */
export class NonEmptyCheck implements AnswerCheck {
  readonly name = 'non_empty' as const;

  async run({ answer }: CheckContext): Promise<CheckResult> {
    const choice = firstChoice(answer);
    if (choice === undefined) return this.fail('the answer has no choices');
    if (choice.finish_reason === 'length') return this.fail('truncated: finish_reason is length');
    if (choice.finish_reason === 'content_filter') return this.fail('refused: finish_reason is content_filter');
    const refusal: unknown = choice.message?.refusal;
    if (typeof refusal === 'string' && refusal.trim() !== '') return this.fail(`refused: ${quote(refusal)}`);
    const text = answerText(answer);
    if (text.trim() === '') {
      return hasToolCalls(answer) ? this.pass('tool calls without text') : this.fail('empty answer');
    }
    if (isRefusalText(text)) return this.fail(`refused: ${quote(text)}`);
    return this.pass(`${text.length} characters, finish_reason ${choice.finish_reason ?? 'missing'}`);
  }

  private pass(reason: string): CheckResult {
    return { check: this.name, passed: true, reason, costUsd: 0 };
  }

  private fail(reason: string): CheckResult {
    return { check: this.name, passed: false, reason, costUsd: 0 };
  }
}
