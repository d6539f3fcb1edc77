import { InvalidRequestError } from '@routewise/errors';
import type { AnswerCheck, CheckContext, CheckName, CheckResult } from './answer-check';
import { CodeParsesCheck, type CodeParsesCheckOptions } from './code-parses-check';
import { JsonSchemaCheck, type JsonSchemaCheckOptions } from './json-schema-check';
import { JudgeCheck, type JudgeOptions } from './judge-check';
import { NonEmptyCheck } from './non-empty-check';

export interface AnswerChecksOptions {
  /** Without it there is no `judge` check: asking for one is the caller's error (see runChecks). */
  judge?: JudgeOptions;
  codeParses?: CodeParsesCheckOptions;
  jsonSchema?: JsonSchemaCheckOptions;
}

/** Every available check by name; build once at start, share across requests (the schema cache lives here). */
export function createAnswerChecks(options: AnswerChecksOptions = {}): ReadonlyMap<CheckName, AnswerCheck> {
  const checks: AnswerCheck[] = [
    new NonEmptyCheck(),
    new JsonSchemaCheck(options.jsonSchema),
    new CodeParsesCheck(options.codeParses),
    ...(options.judge === undefined ? [] : [new JudgeCheck(options.judge)]),
  ];
  return new Map(checks.map((check) => [check.name, check]));
}

/**
 * Runs the named checks in the given order and stops at the first failure: the last result is the failed one, if
 * any. Throws InvalidRequestError, before running anything, when a named check is not available (`judge` without
 * a configured judge), so no judge cost is spent on a request that cannot be checked as asked.
 */
export async function runChecks(
  checks: ReadonlyMap<CheckName, AnswerCheck>,
  names: readonly CheckName[],
  context: CheckContext,
): Promise<CheckResult[]> {
  const missing = names.filter((name) => !checks.has(name));
  if (missing.length > 0) {
    throw new InvalidRequestError(`Not available on this router: ${missing.map((name) => `'${name}'`).join(', ')} (the judge check needs a configured judge model).`, 'routewise.checks');
  }
  const results: CheckResult[] = [];
  for (const name of names) {
    const check = checks.get(name);
    if (check === undefined) continue;
    const result = await check.run(context);
    results.push(result);
    if (!result.passed) break;
  }
  return results;
}
