import { ConfigError, loadRoutewiseConfig, parseRoutewiseConfig, readRouterEnvironment } from '@routewise/config';
import { TASK_LABELS } from '@routewise/taxonomy';

describe('the shipped config', () => {
  const config = loadRoutewiseConfig();

  it('validates and maps every task to a catalog model', () => {
    for (const label of TASK_LABELS) expect(config.catalog[config.tasks[label]]).toBeDefined();
  });

  it('follows the seed map: cheap model for classify, Sonnet for code, Opus for code_hard, o3 for reasoning, Gemini for huge documents', () => {
    expect(config.tasks.classify).toBe('gpt-4o-mini');
    expect(config.tasks.code).toMatch(/^claude-sonnet/);
    expect(config.tasks.code_hard).toMatch(/^claude-opus/);
    expect(config.tasks.reasoning).toBe('o3');
    expect(config.tasks.creative).toBe('gpt-4o');
    expect(config.rules.find((rule) => rule.name === 'huge-document')).toMatchObject({ model: 'gemini-2.5-pro', when: { prompt_tokens: { gt: 500000 } } });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(config.catalog)).toBe(true);
    expect(Object.isFrozen(config.rules)).toBe(true);
  });
});

describe('config validation names the bad field', () => {
  const valid = () => structuredClone(loadRoutewiseConfig());

  const problemsOf = (raw: unknown): string => {
    try {
      parseRoutewiseConfig(raw, 'test.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected the config to be rejected');
  };

  it('rejects a task mapped to a model missing from the catalog', () => {
    const config = valid();
    config.tasks.chat = 'gpt-9';
    expect(problemsOf(config)).toContain("tasks.chat: 'gpt-9' is not a catalog model id");
  });

  it('rejects an unknown rule operator', () => {
    const config = valid();
    (config.rules[0]!.when as Record<string, unknown>)['prompt_tokens'] = { bigger_than: 5 };
    expect(problemsOf(config)).toMatch(/rules\.0\.when\.prompt_tokens/);
  });

  it('rejects an invalid regular expression and an unknown provider', () => {
    const config = valid();
    config.rules.push({ name: 'bad-regex', when: { prompt: { matches: '([' } }, model: 'gpt-4o' });
    (config.catalog['gpt-4o'] as Record<string, unknown>)['provider'] = 'acme';
    const message = problemsOf(config);
    expect(message).toMatch(/rules\.\d+\.when\.prompt\.matches: is not a valid regular expression/);
    expect(message).toMatch(/catalog\.gpt-4o\.provider/);
  });

  it('rejects a negative price and a duplicate rule name', () => {
    const config = valid();
    config.catalog['gpt-4o']!.price_per_million.input = -1;
    config.rules.push({ ...config.rules[0]! });
    const message = problemsOf(config);
    expect(message).toContain('catalog.gpt-4o.price_per_million.input');
    expect(message).toContain('duplicate rule name');
  });
});

describe('router environment', () => {
  it('applies the documented defaults', () => {
    const environment = readRouterEnvironment({});
    expect(environment.ROUTER_PORT).toBe(8080);
    expect(environment.FEEDBACK_URL).toBe('http://127.0.0.1:8081');
    expect(environment.ROUTEWISE_DATA_DIR).toBe('.data');
  });

  it('names the bad variable', () => {
    expect(() => readRouterEnvironment({ ROUTER_PORT: 'eighty' })).toThrow(/ROUTER_PORT/);
    expect(() => readRouterEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reads provider keys and base URLs with the usual names and detects demo mode', () => {
    const demo = readRouterEnvironment({});
    expect(Object.values(demo.providers).every((provider) => !provider.configured)).toBe(true);
    const live = readRouterEnvironment({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999/' });
    expect(live.providers.anthropic).toEqual({ apiKey: 'sk-ant-test', baseURL: 'http://127.0.0.1:9999', configured: true });
    expect(live.providers.openai.configured).toBe(false);
  });
});
