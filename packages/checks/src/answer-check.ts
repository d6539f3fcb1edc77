import type { ChatCompletion, ChatCompletionCreateParams } from 'openai/resources/chat/completions';

/** The checks a cascade can require of an answer before it is returned. */
export const CHECK_NAMES = ['json_schema', 'code_parses', 'judge', 'non_empty'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckContext {
  /** The client's request (messages, response_format ...). */
  request: ChatCompletionCreateParams;
  /** One model's complete answer. */
  answer: ChatCompletion;
}

export interface CheckResult {
  check: CheckName;
  passed: boolean;
  /** Short and specific: why it failed, or why it passed (e.g. "no code blocks"). */
  reason: string;
  /** USD the check itself spent (the judge calls a model); 0 for local checks. */
  costUsd: number;
}

/** One quality check. Checks never throw for a bad answer: they fail it with a reason. */
export interface AnswerCheck {
  readonly name: CheckName;
  run(context: CheckContext): Promise<CheckResult>;
}
