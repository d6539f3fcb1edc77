import { loadRoutewiseConfig } from '@routewise/config';
import {
  ConfiguredRoutingPolicy,
  LearnedRoutingPolicy,
  posteriorMean,
  probabilityBelow,
  regularizedIncompleteBeta,
  type OutcomeTable,
  type RoutingFacts,
  type SatisfactionPosterior,
} from '@routewise/policy';

describe('Beta posterior', () => {
  it('matches known values of the regularized incomplete beta function', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 10);
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    // I_0.3(2, 5) = 1 - Σ_{j<2} C(6,j) 0.3^j 0.7^(6-j) = 1 - 0.117649 - 0.302526 = 0.579825
    expect(regularizedIncompleteBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 6);
    expect(regularizedIncompleteBeta(0.9, 30, 3)).toBeCloseTo(1 - regularizedIncompleteBeta(0.1, 3, 30), 10);
  });

  it('is credibly below the target only with enough bad ratings', () => {
    expect(posteriorMean({ ups: 8, downs: 0 })).toBeCloseTo(0.9);
    expect(probabilityBelow({ ups: 1, downs: 1 }, 0.8)).toBeLessThan(0.95);
    expect(probabilityBelow({ ups: 20, downs: 20 }, 0.8)).toBeGreaterThan(0.999);
    expect(probabilityBelow({ ups: 95, downs: 5 }, 0.8)).toBeLessThan(0.001);
  });
});

describe('LearnedRoutingPolicy', () => {
  const config = loadRoutewiseConfig();
  const base = new ConfiguredRoutingPolicy(config);
  const facts = (task: RoutingFacts['task']): RoutingFacts => ({
    promptTokens: 300, requestedOutputTokens: 1024, task, userTier: null, latency: 'normal', tools: false, images: false, promptText: 'x',
  });
  const table = (entries: Record<string, SatisfactionPosterior>): OutcomeTable => ({ get: (task, model) => entries[`${task}/${model}`] });
  const policy = (entries: Record<string, SatisfactionPosterior>, random = 0.5) =>
    new LearnedRoutingPolicy(base, config.learning, () => table(entries), () => random);

  it('keeps the configured choice without evidence', () => {
    expect(policy({}).decide({ facts: facts('code'), pinnedModel: null, taskSource: 'classifier' })).toMatchObject({ source: 'classifier', model: { id: 'claude-sonnet-5-5' } });
  });

  it('moves a task one tier up when its model is credibly below the target, and says why', () => {
    const decision = policy({ 'code/claude-sonnet-5-5': { ups: 12, downs: 18 } }).decide({ facts: facts('code'), pinnedModel: null, taskSource: 'classifier' });
    expect(decision.source).toBe('learned');
    expect(decision.model.tier).toBe(4);
    expect(decision.reason).toContain("claude-sonnet-5-5's thumbs-up rate for code is 41%");
    expect(decision.reason).toContain('credibly below the 80% target; moved up a tier');
  });

  it('explores one tier cheaper at the exploration rate, and moves down when the cheaper model does as well', () => {
    const exploring = policy({}, 0).decide({ facts: facts('code'), pinnedModel: null, taskSource: 'classifier' });
    expect(exploring).toMatchObject({ source: 'learned' });
    expect(exploring.model.tier).toBe(2);
    expect(exploring.reason).toContain('exploring');
    const cheaper = exploring.model.id;
    const settled = policy({ 'code/claude-sonnet-5-5': { ups: 40, downs: 4 }, [`code/${cheaper}`]: { ups: 45, downs: 4 } }).decide({ facts: facts('code'), pinnedModel: null, taskSource: 'classifier' });
    expect(settled).toMatchObject({ source: 'learned', model: { id: cheaper } });
    expect(settled.reason).toContain('as good as claude-sonnet-5-5');
  });

  it('never overrides a pinned model or a rule', () => {
    const unhappy = { 'code/claude-sonnet-5-5': { ups: 0, downs: 50 }, 'reasoning/gemini-2.0-flash': { ups: 0, downs: 50 } };
    expect(policy(unhappy).decide({ facts: facts('code'), pinnedModel: 'claude-sonnet-5-5', taskSource: 'classifier' }).source).toBe('pinned');
    expect(policy(unhappy).decide({ facts: { ...facts('reasoning'), userTier: 'free' }, pinnedModel: null, taskSource: 'classifier' }).source).toBe('rule');
  });
});
