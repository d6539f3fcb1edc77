import { hashedWordFeatures } from '@routewise/embedder';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe('hashedWordFeatures', () => {
  it('is a deterministic unit vector of the requested size', () => {
    const vector = hashedWordFeatures('Write a poem about the sea', 256);
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(hashedWordFeatures('Write a poem about the sea', 256)).toEqual(vector);
  });

  it('ignores case, punctuation and word order, but not the words', () => {
    const base = hashedWordFeatures('Write a POEM, about the sea!');
    expect(cosine(base, hashedWordFeatures('the sea: about a poem write'))).toBeCloseTo(1, 5);
    expect(cosine(base, hashedWordFeatures('Summarize this quarterly report'))).toBeLessThan(0.3);
  });

  it('reads text without spaces as overlapping character pairs', () => {
    const novel = hashedWordFeatures('写一本玄幻小说');
    expect(cosine(novel, hashedWordFeatures('写一本科幻小说'))).toBeGreaterThan(0.5);
    expect(cosine(novel, hashedWordFeatures('用Python写排序函数'))).toBeLessThan(0.5);
  });

  it('gives the zero vector for text without words and rejects a bad dimension', () => {
    expect(Array.from(hashedWordFeatures('  ... !!! ', 8))).toEqual(new Array(8).fill(0));
    expect(() => hashedWordFeatures('x', 0)).toThrow(RangeError);
  });
});
