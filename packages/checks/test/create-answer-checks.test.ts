import { InvalidRequestError } from '@routewise/errors';
import { OpenAICompatibleAdapter } from '@routewise/providers';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@routewise/test-support';
import { CHECK_NAMES, createAnswerChecks, runChecks, type AnswerCheck, type CheckName, type CheckResult } from '../src/index';
import { contextWith, fenced } from './answers';

/** Counts runs of a real check: to see which checks runChecks reached. */
function counted(check: AnswerCheck, runs: CheckName[]): AnswerCheck {
  return {
    name: check.name,
    run: (context) => {
      runs.push(check.name);
      return check.run(context);
    },
  };
}

describe('createAnswerChecks', () => {
  let server: FakeOpenAIServer;

  beforeAll(async () => {
    server = await startFakeOpenAIServer({ content: '8' });
  });
  afterAll(() => server.close());

  it('builds the local checks, and the judge only when one is configured', () => {
    expect([...createAnswerChecks().keys()]).toEqual(['non_empty', 'json_schema', 'code_parses']);
    const withJudge = createAnswerChecks({
      judge: {
        adapter: new OpenAICompatibleAdapter(),
        target: { provider: 'openai', upstreamModel: 'gpt-4o-mini', baseURL: server.url, apiKey: 'sk-test' },
        model: { id: 'gpt-4o-mini', costOfUsage: () => 0.0001 },
      },
    });
    expect([...withJudge.keys()].sort()).toEqual([...CHECK_NAMES].sort());
    for (const [name, check] of withJudge) expect(check.name).toBe(name);
  });

  it('runs every named check in order when all pass, judge cost included', async () => {
    const checks = createAnswerChecks({
      judge: {
        adapter: new OpenAICompatibleAdapter(),
        target: { provider: 'openai', upstreamModel: 'gpt-4o-mini', baseURL: server.url, apiKey: 'sk-test' },
        model: { id: 'gpt-4o-mini', costOfUsage: () => 0.0001 },
      },
    });
    const results = await runChecks(checks, ['non_empty', 'code_parses', 'judge'], contextWith({ content: fenced('ts', 'const a = 1;') }));
    expect(results.map((result) => [result.check, result.passed])).toEqual([
      ['non_empty', true],
      ['code_parses', true],
      ['judge', true],
    ]);
    expect(results.reduce((sum, result) => sum + result.costUsd, 0)).toBeCloseTo(0.0001, 10);
  });
});

describe('runChecks', () => {
  it('stops at the first failure, which is the last result', async () => {
    const runs: CheckName[] = [];
    const checks = new Map([...createAnswerChecks()].map(([name, check]) => [name, counted(check, runs)]));
    const results: CheckResult[] = await runChecks(
      checks,
      ['non_empty', 'json_schema', 'code_parses'],
      contextWith({ content: '{"name": "Ada",' }, { response_format: { type: 'json_object' } }),
    );
    expect(runs).toEqual(['non_empty', 'json_schema']);
    expect(results.at(-1)).toMatchObject({ check: 'json_schema', passed: false });
  });

  it('returns no results for no checks', async () => {
    expect(await runChecks(createAnswerChecks(), [], contextWith())).toEqual([]);
  });

  it('throws InvalidRequestError, before running anything, for a judge that is not configured', async () => {
    const runs: CheckName[] = [];
    const checks = new Map([...createAnswerChecks()].map(([name, check]) => [name, counted(check, runs)]));
    const attempt = runChecks(checks, ['non_empty', 'judge'], contextWith());
    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toThrow("Not available on this router: 'judge'");
    expect(runs).toEqual([]);
  });
});
