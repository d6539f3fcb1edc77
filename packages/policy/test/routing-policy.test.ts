import { loadRoutewiseConfig, parseRoutewiseConfig } from '@routewise/config';
import { ConfiguredRoutingPolicy, type RoutingFacts } from '@routewise/policy';
import { RoutewiseError } from '@routewise/errors';

const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => ({
  promptTokens: 200,
  requestedOutputTokens: 1024,
  task: 'chat',
  userTier: null,
  latency: 'normal',
  tools: false,
  images: false,
  promptText: 'hello there',
  ...overrides,
});

describe('ConfiguredRoutingPolicy with the shipped config', () => {
  const config = loadRoutewiseConfig();
  const policy = new ConfiguredRoutingPolicy(config);
  const decide = (overrides: Partial<RoutingFacts>, taskSource: 'classifier' | 'llm' | 'header' = 'classifier') =>
    policy.decide({ facts: facts(overrides), pinnedModel: null, taskSource });

  it('sends each task to its mapped model and says so', () => {
    const decision = decide({ task: 'code' });
    expect(decision).toMatchObject({ source: 'classifier', rule: null, provider: 'anthropic' });
    expect(decision.model.id).toBe('claude-sonnet-5-5');
    expect(decision.reason).toBe("task 'code' (from the classifier) maps to claude-sonnet-5-5");
    expect(decide({ task: 'reasoning' }, 'llm')).toMatchObject({ source: 'llm', model: { id: 'o3' } });
  });

  it('lets the first matching rule win, in config order', () => {
    const huge = decide({ promptTokens: 600_000, task: 'code_hard', userTier: 'free' });
    expect(huge).toMatchObject({ source: 'rule', rule: 'huge-document', model: { id: 'gemini-2.5-pro' } });
    expect(decide({ userTier: 'free', task: 'reasoning' })).toMatchObject({ rule: 'free-tier', model: { id: 'gemini-2.0-flash' } });
    expect(decide({ promptText: 'Please do a DEEP ANALYSIS of this', userTier: 'free' })).toMatchObject({ rule: 'deep-analysis', model: { id: 'o3' } });
  });

  it('matches task, tools and latency conditions', () => {
    expect(decide({ tools: true, task: 'chat' })).toMatchObject({ rule: 'agent-tools', model: { id: 'claude-sonnet-5-5' } });
    expect(decide({ tools: true, task: 'code' })).toMatchObject({ rule: null, model: { id: 'claude-sonnet-5-5' } });
    expect(decide({ latency: 'low', task: 'creative' })).toMatchObject({ rule: 'low-latency', model: { id: 'llama-3.3-70b-versatile' } });
    expect(decide({ latency: 'low', task: 'code' })).toMatchObject({ rule: null });
    expect(decide({ promptTokens: 40_000, task: 'code_hard' })).toMatchObject({ rule: null, model: { id: 'claude-opus-5-5' } });
    expect(decide({ promptTokens: 40_000, task: 'chat' })).toMatchObject({ rule: 'long-document' });
  });

  it('never picks a model whose window cannot hold prompt plus output: it moves to the cheapest that can', () => {
    const decision = decide({ task: 'reasoning', promptTokens: 300_000 });
    expect(decision.model.context_window).toBeGreaterThanOrEqual(300_000 + 1024);
    expect(decision.reason).toContain("o3's 200,000-token context window cannot hold 300,000 prompt + 1,024 output tokens");
    // gpt-5 (400k window, tier 4) is the cheapest model as capable as o3 that holds it
    expect(decision.model.id).toBe('gpt-5');
    expect(decision.reason).toContain('moved to gpt-5, the cheapest model as capable that can');
  });

  it('moves away from a model that cannot take images', () => {
    const decision = decide({ task: 'chat', images: true });
    expect(decision.model.capabilities).toContain('vision');
    expect(decision.reason).toContain('llama-3.3-70b-versatile does not accept images');
    expect(decision.model.tier).toBeGreaterThanOrEqual(2);
  });

  it('marks a caller-set task as a rule decision', () => {
    expect(decide({ task: 'creative' }, 'header')).toMatchObject({ source: 'rule', reason: "task 'creative' set by the x-routewise-task header maps to gpt-4o" });
  });

  it('honours a pinned model and rejects one that is unknown or too small', () => {
    expect(policy.decide({ facts: facts({ task: 'code_hard' }), pinnedModel: 'gpt-4o-mini', taskSource: 'classifier' })).toMatchObject({ source: 'pinned', model: { id: 'gpt-4o-mini' } });
    const unknown = () => policy.decide({ facts: facts(), pinnedModel: 'gpt-9', taskSource: 'classifier' });
    expect(unknown).toThrow(RoutewiseError);
    expect(unknown).toThrow(expect.objectContaining({ status: 404, code: 'model_not_found' }));
    const tooBig = () => policy.decide({ facts: facts({ promptTokens: 150_000 }), pinnedModel: 'gpt-4o-mini', taskSource: 'classifier' });
    expect(tooBig).toThrow(expect.objectContaining({ status: 400, code: 'context_length_exceeded' }));
  });

  it('refuses when no model at all can hold the request', () => {
    expect(() => decide({ promptTokens: 5_000_000 })).toThrow(expect.objectContaining({ code: 'context_length_exceeded' }));
  });

  it('supports any/not combinators and regex rules', () => {
    const draft = structuredClone(config);
    draft.rules = [
      { name: 'sql-or-regex', when: { any: [{ prompt: { matches: '\\bselect\\b.+\\bfrom\\b' } }, { prompt: { contains_any: ['regex'] } }], not: { user_tier: { eq: 'free' } } }, model: 'deepseek-chat' },
    ];
    const custom = new ConfiguredRoutingPolicy(parseRoutewiseConfig(draft));
    const decideCustom = (overrides: Partial<RoutingFacts>) => custom.decide({ facts: facts(overrides), pinnedModel: null, taskSource: 'classifier' });
    expect(decideCustom({ promptText: 'SELECT id FROM users' })).toMatchObject({ rule: 'sql-or-regex' });
    expect(decideCustom({ promptText: 'write a Regex for dates' })).toMatchObject({ rule: 'sql-or-regex' });
    expect(decideCustom({ promptText: 'write a regex', userTier: 'free' })).toMatchObject({ rule: null });
    expect(decideCustom({ promptText: 'hello' })).toMatchObject({ rule: null });
  });
});
