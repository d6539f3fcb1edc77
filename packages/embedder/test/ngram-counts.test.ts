import { countNgrams, decodeNgramCounts, encodeNgramCounts, MAX_NGRAM_DIMENSION, NGRAM_FAMILIES, ngramVector } from '@routewise/embedder';

/**
 * The packed layout, from the module's documentation: bucket (18 bits) · family (2 bits) · sign (1 bit) ·
 * count (11 bits), high bits first. Decoded here by hand so the tests do not lean on the module's own helpers.
 */
const bucketOf = (entry: number) => entry >>> 14;
const familyOf = (entry: number) => (entry >>> 12) & 3;
const signOf = (entry: number) => (entry >>> 11) & 1;
const countOf = (entry: number) => entry & 0x7ff;
const WORD = 0;
const WORD_BIGRAM = 1;
const CHARACTER = 2;

const entriesOf = (packed: Uint32Array, family: number) => Array.from(packed).filter((entry) => familyOf(entry) === family);
const totalCount = (packed: Uint32Array, family: number) => entriesOf(packed, family).reduce((sum, entry) => sum + countOf(entry), 0);
/** An entry without its count: which feature it is (bucket, family, sign). */
const featureOf = (entry: number) => entry >>> 11;

describe('countNgrams', () => {
  it('names the three families in packing order', () => {
    expect(NGRAM_FAMILIES).toEqual(['word', 'word_bigram', 'character_3_5']);
  });

  it('returns packed entries sorted ascending, so by bucket', () => {
    const packed = countNgrams('Write a Python function that merges two sorted lists, then explain its complexity.', 1024);
    expect(packed.length).toBeGreaterThan(50);
    for (let index = 1; index < packed.length; index++) {
      expect(packed[index]!).toBeGreaterThanOrEqual(packed[index - 1]!);
      expect(bucketOf(packed[index]!)).toBeGreaterThanOrEqual(bucketOf(packed[index - 1]!));
    }
  });

  it('counts a repeated word twice in the word family, and each word, bigram and character n-gram occurrence once', () => {
    const packed = countNgrams('hello hello', 1 << 16);
    // One distinct word seen twice; one bigram ("hello hello") seen once.
    expect(entriesOf(packed, WORD).map(countOf)).toEqual([2]);
    expect(entriesOf(packed, WORD_BIGRAM).map(countOf)).toEqual([1]);
    // " hello hello " (13 characters with the padding) holds 11 3-grams, 10 4-grams and 9 5-grams.
    expect(totalCount(packed, CHARACTER)).toBe(11 + 10 + 9);
    // "hel", "ell", "llo" occur twice: some character entries must have count 2.
    expect(entriesOf(packed, CHARACTER).some((entry) => countOf(entry) === 2)).toBe(true);
  });

  it('counts words, bigrams between neighbours, and every 3- to 5-gram of the padded, lowercased, space-collapsed text', () => {
    const text = 'The quick   brown FOX\n\njumps';
    const packed = countNgrams(text, 1 << 18);
    const normalized = 'the quick brown fox jumps';
    expect(totalCount(packed, WORD)).toBe(5);
    expect(totalCount(packed, WORD_BIGRAM)).toBe(4);
    const padded = normalized.length + 2;
    expect(totalCount(packed, CHARACTER)).toBe(padded - 2 + (padded - 3) + (padded - 4));
    expect(countNgrams(normalized, 1 << 18)).toEqual(packed);
  });

  it('hashes a word the same wherever it appears, and ignores case', () => {
    const alone = entriesOf(countNgrams('Sea', 1 << 18), WORD).map(featureOf);
    const inSentence = entriesOf(countNgrams('a poem about the sea', 1 << 18), WORD).map(featureOf);
    expect(alone).toHaveLength(1);
    expect(inSentence).toContain(alone[0]);
  });

  it('reads a run of CJK characters as its overlapping character pairs, without word bigrams', () => {
    const novel = countNgrams('写一本玄幻小说', 1 << 18);
    // Seven characters: six pairs, each once.
    expect(entriesOf(novel, WORD).map(countOf)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(entriesOf(novel, WORD_BIGRAM)).toEqual([]);
    // A pair on its own hashes to the same feature as inside the run.
    const pair = entriesOf(countNgrams('写一', 1 << 18), WORD).map(featureOf);
    expect(pair).toHaveLength(1);
    expect(entriesOf(novel, WORD).map(featureOf)).toContain(pair[0]);
    // 写一本科幻小说 shares 写一, 一本, 幻小, 小说 with it, not 本玄, 玄幻 (本科, 科幻 are new).
    const scifi = new Set(entriesOf(countNgrams('写一本科幻小说', 1 << 18), WORD).map(featureOf));
    expect(entriesOf(novel, WORD).map(featureOf).filter((feature) => scifi.has(feature))).toHaveLength(4);
  });

  it('keeps every bucket below the dimension', () => {
    for (const dimension of [2, 16, 4096, MAX_NGRAM_DIMENSION]) {
      const packed = countNgrams('Summarize the following quarterly report in five bullet points for the board.', dimension);
      expect(packed.length).toBeGreaterThan(0);
      for (const entry of packed) expect(bucketOf(entry)).toBeLessThan(dimension);
    }
  });

  it('caps a count at 2047 (11 bits)', () => {
    const packed = countNgrams('x '.repeat(3000), 1024);
    expect(entriesOf(packed, WORD).map(countOf)).toEqual([2047]);
  });

  it('reads character n-grams from the first 240 and last 120 characters only', () => {
    const head = 'please summarize the following document for me. ';
    const tail = ' what are its three main points?';
    const short = countNgrams(`${head}${'lorem ipsum dolor sit amet '.repeat(100)}${tail}`, 4096);
    const long = countNgrams(`${head}${'lorem ipsum dolor sit amet '.repeat(250)}${tail}`, 4096);
    // 240 + " … " + 120 = 363 characters, padded to 365: 363 3-grams, 362 4-grams, 361 5-grams.
    expect(totalCount(short, CHARACTER)).toBe(363 + 362 + 361);
    expect(totalCount(long, CHARACTER)).toBe(363 + 362 + 361);
    // Words are still read from the whole (8,000 characters at most) text.
    expect(totalCount(long, WORD)).toBeGreaterThan(totalCount(short, WORD));
  });

  it('gives no entries for text without characters', () => {
    expect(countNgrams('', 64)).toEqual(new Uint32Array(0));
    expect(countNgrams('  \n\t ', 64)).toEqual(new Uint32Array(0));
  });

  it('rejects a dimension that is not a power of two from 2 to 2^18', () => {
    for (const dimension of [0, 1, 3, 1000, -4, 1.5, MAX_NGRAM_DIMENSION * 2, Number.NaN]) {
      expect(() => countNgrams('hello', dimension)).toThrow(RangeError);
    }
    expect(MAX_NGRAM_DIMENSION).toBe(1 << 18);
    expect(() => countNgrams('hello', 2)).not.toThrow();
    expect(() => countNgrams('hello', MAX_NGRAM_DIMENSION)).not.toThrow();
  });
});

describe('encodeNgramCounts / decodeNgramCounts', () => {
  it('round-trips packed counts', () => {
    const packed = countNgrams('Extract every date and amount from this invoice as JSON.', 1 << 16);
    const decoded = decodeNgramCounts(encodeNgramCounts(packed));
    expect(decoded).toBeInstanceOf(Uint32Array);
    expect(Array.from(decoded)).toEqual(Array.from(packed));
    expect(decodeNgramCounts(encodeNgramCounts(new Uint32Array(0)))).toEqual(new Uint32Array(0));
  });

  it('writes little-endian 32-bit entries as base64, also for a view into a larger buffer', () => {
    expect(encodeNgramCounts(Uint32Array.of(1))).toBe(Buffer.from([1, 0, 0, 0]).toString('base64'));
    expect(encodeNgramCounts(Uint32Array.of(0x01020304, 0xffffffff))).toBe(Buffer.from([4, 3, 2, 1, 255, 255, 255, 255]).toString('base64'));
    const whole = Uint32Array.of(7, 0xdeadbeef, 42, 9);
    expect(Array.from(decodeNgramCounts(encodeNgramCounts(whole.subarray(1, 3))))).toEqual([0xdeadbeef, 42]);
  });

  it('rejects bytes that are not whole 32-bit entries', () => {
    expect(() => decodeNgramCounts(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(RangeError);
    expect(() => decodeNgramCounts(Buffer.from([1, 2, 3, 4, 5]).toString('base64'))).toThrow(RangeError);
  });
});

describe('ngramVector', () => {
  const entry = (bucket: number, family: number, count: number, negative = false) => ((bucket << 14) | (family << 12) | ((negative ? 1 : 0) << 11) | count) >>> 0;

  it('is unit-norm with sorted, distinct indices below the dimension', () => {
    const dimension = 512;
    const vector = ngramVector(countNgrams('Draft a warm memo announcing the new travel policy to every employee.', dimension));
    const squares = Array.from(vector.values).reduce((sum, value) => sum + value * value, 0);
    expect(squares).toBeCloseTo(1, 10);
    expect(vector.indices.length).toBe(vector.values.length);
    for (let index = 0; index < vector.indices.length; index++) {
      expect(vector.indices[index]!).toBeGreaterThanOrEqual(0);
      expect(vector.indices[index]!).toBeLessThan(dimension);
      if (index > 0) expect(vector.indices[index]!).toBeGreaterThan(vector.indices[index - 1]!);
    }
  });

  it('weighs a count c as 1 + ln c with the entry sign, normalizes each family, then the whole vector (hand-computed)', () => {
    // One word (bucket 5, count 1) and two character n-grams (buckets 9 and 10, count 1; the second negative):
    // word family scaled by 1, character family by 1/√2; then the vector [1, 1/√2, −1/√2] has norm √2.
    const vector = ngramVector(Uint32Array.from([entry(5, WORD, 1), entry(9, CHARACTER, 1), entry(10, CHARACTER, 1, true)]));
    expect(Array.from(vector.indices)).toEqual([5, 9, 10]);
    expect(vector.values[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vector.values[1]).toBeCloseTo(0.5, 12);
    expect(vector.values[2]).toBeCloseTo(-0.5, 12);

    // Counts 1 and 3 in one family: weights 1 and 1 + ln 3, in ratio after normalization.
    const weighted = ngramVector(Uint32Array.from([entry(2, WORD, 1), entry(3, WORD, 3)]));
    const norm = Math.hypot(1, 1 + Math.log(3));
    expect(weighted.values[0]).toBeCloseTo(1 / norm, 12);
    expect(weighted.values[1]).toBeCloseTo((1 + Math.log(3)) / norm, 12);
  });

  it('sums entries that share a bucket', () => {
    // A word and a bigram in bucket 4 (each family scaled by 1): 1 + 1, the only index, normalized to 1.
    const vector = ngramVector(Uint32Array.from([entry(4, WORD, 1), entry(4, WORD_BIGRAM, 1), entry(6, CHARACTER, 1)]));
    expect(Array.from(vector.indices)).toEqual([4, 6]);
    expect(vector.values[0]).toBeCloseTo(2 / Math.sqrt(5), 12);
    expect(vector.values[1]).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  it('is empty for no entries', () => {
    const vector = ngramVector(new Uint32Array(0));
    expect(vector.indices).toHaveLength(0);
    expect(vector.values).toHaveLength(0);
  });

  it('is the same vector for texts that differ only in case and spacing', () => {
    const a = ngramVector(countNgrams('Brainstorm  twenty names\nfor a Coffee Shop', 4096));
    const b = ngramVector(countNgrams('brainstorm twenty names for a coffee shop', 4096));
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });
});

// The sign bit is part of an entry: check it is used (about half the features negative on a long text).
describe('packed entry sign', () => {
  it('sets the sign bit on some entries and not on others', () => {
    const packed = countNgrams('Refactor these twelve TypeScript modules to use dependency injection and explain each change.', 1 << 16);
    const negative = Array.from(packed).filter((entry) => signOf(entry) === 1).length;
    expect(negative).toBeGreaterThan(packed.length * 0.2);
    expect(negative).toBeLessThan(packed.length * 0.8);
  });
});
