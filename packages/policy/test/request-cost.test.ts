import { loadRoutewiseConfig } from '@routewise/config';
import { computeCost, estimateCost, ModelCatalog } from '@routewise/policy';

const catalog = new ModelCatalog(loadRoutewiseConfig().catalog);
const model = (id: string) => catalog.get(id)!;
const usage = (overrides: Partial<Parameters<typeof computeCost>[1]>) => ({
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  ...overrides,
});

describe('computeCost, worked by hand from the catalog prices', () => {
  it('prices input and output: gpt-4o-mini, 1,000 in and 500 out = 0.00015 + 0.0003', () => {
    const cost = computeCost(model('gpt-4o-mini'), usage({ inputTokens: 1000, outputTokens: 500 }));
    expect(cost.inputUsd).toBeCloseTo(0.00015, 12);
    expect(cost.outputUsd).toBeCloseTo(0.0003, 12);
    expect(cost.totalUsd).toBeCloseTo(0.00045, 12);
  });

  it('prices Anthropic cache reads and writes: Sonnet, 2,000 fresh + 10,000 read + 4,000 written + 300 out', () => {
    // 2,000 × $3/M = 0.006; 10,000 × $0.30/M = 0.003; 4,000 × $3.75/M = 0.015; 300 × $15/M = 0.0045
    const cost = computeCost(model('claude-sonnet-4-6'), usage({ inputTokens: 2000, cachedInputTokens: 10_000, cacheWriteTokens: 4000, outputTokens: 300 }));
    expect(cost.cachedInputUsd).toBeCloseTo(0.003, 12);
    expect(cost.cacheWriteUsd).toBeCloseTo(0.015, 12);
    expect(cost.totalUsd).toBeCloseTo(0.0285, 12);
  });

  it('prices reasoning tokens as output: o3, 500 in, 3,000 out of which 2,500 reasoning = 0.001 + 0.024', () => {
    expect(computeCost(model('o3'), usage({ inputTokens: 500, outputTokens: 3000, reasoningTokens: 2500 })).totalUsd).toBeCloseTo(0.025, 12);
  });

  it('bills cache reads at the input price when the model lists no cached price (Groq)', () => {
    expect(computeCost(model('llama-3.3-70b-versatile'), usage({ cachedInputTokens: 1_000_000 })).totalUsd).toBeCloseTo(0.59, 12);
  });

  it('switches to long-context prices above the threshold: Gemini 2.5 Pro at 300k in, 1k out', () => {
    // 300,000 × $2.50/M = 0.75; 1,000 × $15/M = 0.015
    expect(computeCost(model('gemini-2.5-pro'), usage({ inputTokens: 300_000, outputTokens: 1000 })).totalUsd).toBeCloseTo(0.765, 12);
    expect(computeCost(model('gemini-2.5-pro'), usage({ inputTokens: 100_000, outputTokens: 1000 })).totalUsd).toBeCloseTo(0.135, 12);
  });

  it('estimates before the call from prompt tokens and expected output', () => {
    expect(estimateCost(model('claude-opus-4'), 200, 50)).toBeCloseTo(200 * 15e-6 + 50 * 75e-6, 12);
  });
});
