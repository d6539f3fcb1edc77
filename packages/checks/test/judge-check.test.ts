import { OpenAICompatibleAdapter, type ProviderCallTarget, type UsageBreakdown } from '@routewise/providers';
import { startFakeOpenAIServer, type FakeOpenAIServer, type RecordedRequest } from '@routewise/test-support';
import { JUDGE_RUBRIC, JudgeCheck, type JudgeOptions } from '../src/index';
import { runAnswerCheckContract } from './answer-check-contract';
import { contextWith } from './answers';

/** gpt-4o-mini's list prices: $0.15 / $0.60 per million input / output tokens. */
function gpt4oMiniCost(usage: UsageBreakdown): number {
  return (usage.inputTokens * 0.15 + usage.outputTokens * 0.6) / 1_000_000;
}

function judgeOptions(server: FakeOpenAIServer, overrides: Partial<JudgeOptions> = {}): JudgeOptions {
  const target: ProviderCallTarget = { provider: 'openai', upstreamModel: 'gpt-4o-mini', baseURL: server.url, apiKey: 'sk-test-judge' };
  return { adapter: new OpenAICompatibleAdapter(), target, model: { id: 'gpt-4o-mini', costOfUsage: gpt4oMiniCost }, threshold: 7, timeoutMs: 5000, ...overrides };
}

function userPrompt(request: RecordedRequest): string {
  const body = request.body as { messages: Array<{ role: string; content: string }> };
  return body.messages.find((message) => message.role === 'user')?.content ?? '';
}

runAnswerCheckContract('judge', async () => {
  // A judge that likes answers mentioning Paris: the plain good answer scores 9, odd ones 2.
  const server = await startFakeOpenAIServer({ content: (request) => (userPrompt(request).includes('<answer>\nThe capital of France is Paris.') ? '9' : '2') });
  return { check: new JudgeCheck(judgeOptions(server)), close: () => server.close() };
});

describe('JudgeCheck', () => {
  let server: FakeOpenAIServer;

  beforeAll(async () => {
    server = await startFakeOpenAIServer({ content: '9', usage: { inputTokens: 400, outputTokens: 1 } });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  // 400 input tokens at $0.15/M + 1 output token at $0.60/M.
  const JUDGE_CALL_COST = (400 * 0.15 + 1 * 0.6) / 1_000_000;

  it('passes a score at or above the threshold and reports what the judge cost', async () => {
    const result = await new JudgeCheck(judgeOptions(server)).run(contextWith());
    expect(result).toEqual({ check: 'judge', passed: true, reason: 'gpt-4o-mini scored 9/10 (threshold 7)', costUsd: JUDGE_CALL_COST });
  });

  it('fails a score below the threshold', async () => {
    server.configure({ content: '3' });
    const result = await new JudgeCheck(judgeOptions(server)).run(contextWith({ content: 'The capital of France is Lyon.' }));
    expect(result).toEqual({ check: 'judge', passed: false, reason: 'gpt-4o-mini scored 3/10, below the threshold of 7', costUsd: JUDGE_CALL_COST });
  });

  it('passes a score equal to the threshold', async () => {
    server.configure({ content: '7\n' });
    expect(await new JudgeCheck(judgeOptions(server)).run(contextWith())).toMatchObject({ passed: true });
  });

  it('sends the rubric, the conversation and the answer, asking for one integer at temperature 0', async () => {
    await new JudgeCheck(judgeOptions(server)).run(
      contextWith({ content: 'Paris.' }, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }] }),
    );
    const body = server.lastRequest().body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, max_tokens: 5 });
    expect(body.messages).toEqual([
      { role: 'system', content: JUDGE_RUBRIC },
      {
        role: 'user',
        content: '<conversation>\n[system]\nBe brief.\n\n[user]\nCapital of France?\n</conversation>\n\n<answer>\nParis.\n</answer>\n\nScore (1-10):',
      },
    ]);
    expect(JUDGE_RUBRIC).toMatch(/single integer from 1 to 10/);
  });

  it('cuts long conversations and answers so the judge stays cheap', async () => {
    const judge = new JudgeCheck(judgeOptions(server, { promptLimits: { maxConversationChars: 50, maxAnswerChars: 20 } }));
    await judge.run(contextWith({ content: 'A'.repeat(1000) }, { messages: [{ role: 'user', content: `${'x'.repeat(1000)} the question?` }] }));
    const prompt = userPrompt(server.lastRequest());
    expect(prompt).toContain('[…earlier text cut…]');
    expect(prompt).toContain('the question?');
    expect(prompt).toContain(`${'A'.repeat(20)}\n[…rest of the answer cut…]`);
    expect(prompt.length).toBeLessThan(250);
  });

  describe('fails open when the judge cannot score', () => {
    it('on a timeout', async () => {
      server.configure({ fault: { kind: 'hang' } });
      const started = Date.now();
      const result = await new JudgeCheck(judgeOptions(server, { timeoutMs: 200 })).run(contextWith());
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.passed).toBe(true);
      expect(result.reason).toMatch(/^judge unavailable: gpt-4o-mini: .*200 ms/);
      expect(result.costUsd).toBe(0);
    });

    it('on an upstream error', async () => {
      server.configure({ fault: { kind: 'http-error', status: 500 } });
      const result = await new JudgeCheck(judgeOptions(server)).run(contextWith());
      expect(result).toMatchObject({ passed: true, costUsd: 0 });
      expect(result.reason).toMatch(/^judge unavailable: gpt-4o-mini: /);
    });

    it.each(['Score: 8', '8/10', 'eight', '11', '0', '7.5', ''])('on the reply %j, still counting its cost', async (reply) => {
      server.configure({ content: reply });
      const result = await new JudgeCheck(judgeOptions(server)).run(contextWith());
      expect(result).toMatchObject({ passed: true, costUsd: JUDGE_CALL_COST });
      expect(result.reason).toMatch(/^judge unavailable: gpt-4o-mini replied ".*", not a score 1-10$/);
    });
  });

  it('refuses a threshold outside 1-10 when built', () => {
    expect(() => new JudgeCheck(judgeOptions(server, { threshold: 11 }))).toThrow(RangeError);
    expect(() => new JudgeCheck(judgeOptions(server, { threshold: 6.5 }))).toThrow(RangeError);
  });
});
