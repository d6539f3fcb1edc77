import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { isPreTokenizerBoundary } from '../src/index';
import { seededRandom } from './seeded-random';

const ordinary = { disallowedSpecial: new Set<string>() };

/** gpt-tokenizer's own tokens of the whole text, and of the two sides of every boundary the function reports. */
function expectEveryBoundaryToKeepTheTokens(text: string): number {
  const whole = encode(text, ordinary).join(',');
  let boundaries = 0;
  for (let index = 1; index < text.length; index++) {
    if (!isPreTokenizerBoundary(text, index)) continue;
    boundaries++;
    const split = [...encode(text.slice(0, index), ordinary), ...encode(text.slice(index), ordinary)].join(',');
    if (split !== whole) throw new Error(`cutting ${JSON.stringify(text)} at ${index} changes its tokens`);
  }
  return boundaries;
}

describe('isPreTokenizerBoundary', () => {
  it('finds boundaries in ordinary prose, code and CJK that leave gpt-tokenizer’s tokens unchanged', () => {
    const samples = [
      "The committee's report, published on Tuesday, didn't mention the 2024 budget; it'll be discussed in May.",
      'def merge(left: list[int], right: list[int]) -> list[int]:\n    """Merge two sorted lists."""\n    result = []\n\tif left and right:\n        return sorted(left + right)  # O(n log n)\n',
      'const parsedValue = JSON.parse(rawText) as { userId: number; createdAt: string };\r\n  console.log(`id=${parsedValue.userId}`);',
      '我们今天讨论的是，如何在不影响性能的情况下（例如：缓存）提高系统的可靠性。日本語の文章も、句読点で区切られます。',
      'Prix: 12,50 € — déjà vu! Ünïcödé naïve café; Ελληνικά κείμενα, русский текст.',
      'camelCaseIdentifier and XMLHttpRequest and getHTTPResponseCode',
      'emoji 👍🏽 in text 🎉🎉, flags 🇫🇷 and ZWJ 👩‍💻 sequences',
      'spaces    between   words\n\n\n  indented\u00a0non-breaking\u3000ideographic',
      "e\u0301tude, combining marks: a\u0308b\u0327, and 'quoted' words",
    ];
    const found = samples.map(expectEveryBoundaryToKeepTheTokens);
    // Enough boundaries to cut at: in each sample, at least one every 12 characters.
    samples.forEach((sample, position) => expect(found[position]!).toBeGreaterThan(sample.length / 12));
  });

  it('keeps the tokens at every boundary of seeded random text from a mixed alphabet', () => {
    const alphabet = [' ', ' ', '\t', '\n', '\r\n', 'a', 'b', 'Q', 'Z', 'é', 'Ж', 'ж', '中', '文', 'ー', '0', '7', '.', ',', "'", '"', '(', ')', '-', '/', '。', '、', '😀', '👍🏽', '\u0301', '\u00a0', '_', '$', 's', 't', 'll', 're'];
    const random = seededRandom(20240611);
    for (let sample = 0; sample < 400; sample++) {
      const length = 5 + Math.floor(random() * 60);
      let text = '';
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      expectEveryBoundaryToKeepTheTokens(text);
    }
  });

  it('does not cut where the pre-tokenizer keeps characters together', () => {
    expect(isPreTokenizerBoundary("don't", 3)).toBe(false); // the contraction 't stays with don
    expect(isPreTokenizerBoundary('a\u0301b', 1)).toBe(false); // a combining mark belongs to its letter
    expect(isPreTokenizerBoundary('x  y', 1)).toBe(false); // inside a run of spaces only the last one moves to y
    expect(isPreTokenizerBoundary('x  y', 2)).toBe(true);
    expect(isPreTokenizerBoundary('😀', 1)).toBe(false); // never between the halves of a surrogate pair
    expect(isPreTokenizerBoundary('a\nb', 1)).toBe(false); // a line break may join the punctuation before it
  });

  it('counts both ends of a text as boundaries and nothing outside it', () => {
    expect(isPreTokenizerBoundary('abc', 0)).toBe(true);
    expect(isPreTokenizerBoundary('abc', 3)).toBe(true);
    expect(isPreTokenizerBoundary('abc', -1)).toBe(false);
    expect(isPreTokenizerBoundary('abc', 4)).toBe(false);
  });
});
