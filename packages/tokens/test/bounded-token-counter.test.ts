import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import {
  countTextTokens,
  countTokensWithinBudget,
  MAX_SEGMENT_CHARACTERS,
  TOKEN_COUNT_BUDGET,
  type SegmentTokenizer,
} from '../src/index';
import { randomCodePoints, seededRandom } from './seeded-random';

const ordinary = { disallowedSpecial: new Set<string>() };

/** gpt-tokenizer behind a counter of what it was handed, to measure the work a count does. */
function observedTokenizer() {
  const handed = { characters: 0, calls: 0, longest: 0 };
  const tokenizer: SegmentTokenizer = (segment) => {
    handed.characters += segment.length;
    handed.calls++;
    handed.longest = Math.max(handed.longest, segment.length);
    return countTokens(segment, ordinary);
  };
  return { handed, tokenizer };
}

const PROSE = [
  'Routing each request to the cheapest model that does the job well saves money without hurting quality.',
  'The quick brown fox jumps over the lazy dog; meanwhile, the committee’s report — published on 3 March 2024 — was still unread.',
  "Don't worry: we'll re-run the numbers (again) and send you the results by Friday, if that's OK.",
  'In 1905 Albert Einstein published four papers that changed physics: on the photoelectric effect, Brownian motion, special relativity and mass–energy equivalence.',
];

const CODE = `export function mergeSorted(left: readonly number[], right: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) merged.push(left[i]! <= right[j]! ? left[i++]! : right[j++]!);
  return [...merged, ...left.slice(i), ...right.slice(j)];
}
`;

describe('countTokensWithinBudget', () => {
  it('counts short texts exactly as gpt-tokenizer does', () => {
    const texts = [...PROSE, CODE, '我们今天讨论的是，如何在不影响性能的情况下提高系统的可靠性。', 'emoji 👍🏽🎉 and café', '', ' ', '\n\n'];
    for (const text of texts) expect(countTextTokens(text)).toEqual({ tokens: countTokens(text), exact: true });
    expect(countTokensWithinBudget(texts)).toEqual({ tokens: texts.reduce((sum, text) => sum + countTokens(text), 0), exact: true });
  });

  it('counts text up to a few thousand characters exactly, though it is cut into segments', () => {
    const random = seededRandom(7);
    const paragraphs = Array.from({ length: 40 }, () => PROSE[Math.floor(random() * PROSE.length)]!);
    const prose = paragraphs.join(random() < 0.5 ? ' ' : '\n\n').slice(0, 5000);
    const code = CODE.repeat(12).slice(0, 4000);
    for (const text of [prose, code]) {
      const { handed, tokenizer } = observedTokenizer();
      expect(countTextTokens(text, { tokenizer })).toEqual({ tokens: countTokens(text), exact: true });
      expect(handed.calls).toBeGreaterThan(1);
      expect(handed.longest).toBeLessThanOrEqual(MAX_SEGMENT_CHARACTERS);
    }
  });

  it('counts text that looks like a special token as ordinary text instead of throwing', () => {
    const text = 'Ignore this: <|endoftext|> and <|im_start|>system';
    expect(countTextTokens(text)).toEqual({ tokens: countTokens(text, ordinary), exact: true });
  });

  it('estimates a long text from a sample and says so', () => {
    const random = seededRandom(11);
    const text = Array.from({ length: 900 }, () => PROSE[Math.floor(random() * PROSE.length)]!).join(' ');
    const exact = countTokens(text);
    const { handed, tokenizer } = observedTokenizer();

    const count = countTextTokens(text, { tokenizer });

    expect(count.exact).toBe(false);
    expect(handed.characters).toBeLessThanOrEqual(TOKEN_COUNT_BUDGET);
    expect(Math.abs(count.tokens - exact) / exact).toBeLessThan(0.03);
  });

  it('is deterministic', () => {
    const text = randomCodePoints(seededRandom(3), 200_000, 0x4e00, 0xa000);
    expect(countTextTokens(text)).toEqual(countTextTokens(text));
  });

  it('counts everything when the budget is unlimited', () => {
    const text = CODE.repeat(100);
    expect(countTextTokens(text, { budget: Infinity })).toEqual({ tokens: countTokens(text), exact: true });
  });

  it('refuses a budget too small to sample every slot', () => {
    expect(() => countTextTokens('hello', { budget: 100 })).toThrow(RangeError);
  });
});

describe('countTokensWithinBudget on the worst inputs', () => {
  // The work is bounded by what reaches the tokenizer; the old code spent minutes on some of these.
  const cases: { name: string; texts: () => string[]; expected: () => number; tolerance: number }[] = [
    {
      name: "'x' × 1,000,000",
      texts: () => ['x'.repeat(1_000_000)],
      // gpt-tokenizer's count of 20,000 x's, scaled: a run of x's costs the same per character throughout
      expected: () => (countTokens('x'.repeat(20_000)) * 1_000_000) / 20_000,
      tolerance: 0.01,
    },
    {
      name: 'spaces × 1,000,000',
      texts: () => [' '.repeat(1_000_000)],
      expected: () => (countTokens(' '.repeat(20_000)) * 1_000_000) / 20_000,
      tolerance: 0.02,
    },
    {
      name: '1,000,000 random CJK characters',
      texts: () => [randomCodePoints(seededRandom(1), 1_000_000, 0x4e00, 0xa000)],
      // gpt-tokenizer on 4,000 characters of the same kind, scaled (the whole million would take hours)
      expected: () => (countTokens(randomCodePoints(seededRandom(2), 4_000, 0x4e00, 0xa000)) * 1_000_000) / 4_000,
      tolerance: 0.02,
    },
    {
      name: '1,000,000 code units of random emoji',
      texts: () => [randomCodePoints(seededRandom(4), 1_000_000, 0x1f300, 0x1fa00)],
      expected: () => (countTokens(randomCodePoints(seededRandom(5), 4_000, 0x1f300, 0x1fa00)) * 1_000_000) / 4_000,
      tolerance: 0.02,
    },
    {
      name: "100,000 texts of 'a'",
      texts: () => Array.from({ length: 100_000 }, () => 'a'),
      expected: () => 100_000 * countTokens('a'),
      tolerance: 0,
    },
  ];

  it.each(cases)('$name: hands the tokenizer at most the budget, in short segments, and estimates the count', ({ texts, expected, tolerance }) => {
    const input = texts();
    const { handed, tokenizer } = observedTokenizer();
    const started = performance.now();

    const count = countTokensWithinBudget(input, { tokenizer });

    // Very generous: a loaded two-core machine takes ~50 ms; the old code took minutes.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(handed.characters).toBeLessThanOrEqual(TOKEN_COUNT_BUDGET);
    expect(handed.longest).toBeLessThanOrEqual(MAX_SEGMENT_CHARACTERS);
    expect(count.exact).toBe(false);
    const reference = expected();
    expect(Math.abs(count.tokens - reference)).toBeLessThanOrEqual(reference * tolerance);
  });
});
