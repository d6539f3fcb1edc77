import type { AnswerCheck, CheckContext, CheckName, CheckResult } from '../src/index';
import { answerWith, contextWith, requestWith, WEATHER_TOOL_CALL } from './answers';

export interface AnswerCheckHarness {
  check: AnswerCheck;
  close(): Promise<void>;
}

const HUGE_TEXT = `${'All work and no play makes Jack a dull boy. '.repeat(25_000)}\n\`\`\`ts\nconst ok: number = 1;\n\`\`\`\n`;

/** Answers no model should send, and some they do: none of them may make a check throw. */
const ODD_CONTEXTS: ReadonlyArray<[string, CheckContext]> = [
  ['null content', contextWith({ content: null })],
  ['tool calls only', contextWith({ content: null, toolCalls: [WEATHER_TOOL_CALL] })],
  ['whitespace only', contextWith({ content: ' \n\t ' })],
  ['a huge answer (1 MB)', contextWith({ content: HUGE_TEXT })],
  ['an unclosed code fence', contextWith({ content: 'Start:\n```python\ndef f(:\n' })],
  ['a finish_reason of length', contextWith({ content: '{"name": "Ad', finishReason: 'length' }, { response_format: { type: 'json_object' } })],
  ['no choices at all', { request: requestWith(), answer: { ...answerWith(), choices: [] } }],
  ['a JSON request with a broken schema', contextWith({ content: '{}' }, { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'objekt' } } } })],
];

/** What every AnswerCheck promises, after Hono's shared router cases: run by each implementation's test file. */
export function runAnswerCheckContract(name: CheckName, createHarness: () => Promise<AnswerCheckHarness>): void {
  describe(`AnswerCheck contract: ${name}`, () => {
    let harness: AnswerCheckHarness;

    beforeAll(async () => {
      harness = await createHarness();
    });
    afterAll(() => harness.close());

    function expectWellFormed(result: CheckResult): void {
      expect(result.check).toBe(name);
      expect(typeof result.passed).toBe('boolean');
      expect(result.reason.trim()).not.toBe('');
      expect(Number.isFinite(result.costUsd) && result.costUsd >= 0).toBe(true);
    }

    it('is named as the cascade names it', () => {
      expect(harness.check.name).toBe(name);
    });

    it('passes a plain, good answer to a plain question', async () => {
      const result = await harness.check.run(contextWith());
      expectWellFormed(result);
      expect(result.passed).toBe(true);
    });

    it.each(ODD_CONTEXTS)('returns a result, never throws, for %s', async (_label, context) => {
      expectWellFormed(await harness.check.run(context));
    });
  });
}
