import { HASHED_NGRAM_MAX_CHARACTERS, HashedNgramEmbedder, hashedNgramFeatures } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { cosineSimilarity, norm } from './support/vector-assertions';

runEmbedderContract('HashedNgramEmbedder', async () => new HashedNgramEmbedder(), { semantic: false });
runEmbedderContract('HashedNgramEmbedder (dimension 100, not a power of two)', async () => new HashedNgramEmbedder({ dimension: 100 }), {
  semantic: false,
});

describe('HashedNgramEmbedder', () => {
  it('names the recipe and the dimension in its id', () => {
    expect(new HashedNgramEmbedder().id).toBe('hashed-ngram-v1:512');
    expect(new HashedNgramEmbedder({ dimension: 256 })).toMatchObject({ id: 'hashed-ngram-v1:256', dimension: 256 });
  });

  it('rejects a dimension that is not a positive integer', () => {
    expect(() => new HashedNgramEmbedder({ dimension: 0 })).toThrow(RangeError);
    expect(() => hashedNgramFeatures('text', 12.5)).toThrow(RangeError);
  });
});

describe('hashedNgramFeatures', () => {
  it('gives the zero vector for empty and whitespace-only text', () => {
    expect(norm(hashedNgramFeatures('', 64))).toBe(0);
    expect(norm(hashedNgramFeatures(' \n\t ', 64))).toBe(0);
  });

  it('is case- and whitespace-insensitive', () => {
    const plain = hashedNgramFeatures('Fix the failing unit test', 512);
    const shouted = hashedNgramFeatures('  FIX the\n\nfailing   UNIT test ', 512);
    expect(cosineSimilarity(plain, shouted)).toBeGreaterThanOrEqual(0.9999);
  });

  it('puts texts that share words closer than texts that share none', () => {
    const question = hashedNgramFeatures('How do I sort a list in Python?', 512);
    const related = hashedNgramFeatures('Sort a Python list of tuples by the second element', 512);
    const unrelated = hashedNgramFeatures('Recommend a quiet beach for a family holiday', 512);
    expect(cosineSimilarity(question, related)).toBeGreaterThan(cosineSimilarity(question, unrelated) + 0.1);
  });

  it('sees word order through bigrams', () => {
    const dogBites = hashedNgramFeatures('dog bites man', 512);
    const manBites = hashedNgramFeatures('man bites dog', 512);
    expect(cosineSimilarity(dogBites, manBites)).toBeLessThan(0.95);
  });

  it('sees code punctuation through character n-grams', () => {
    const arrow = hashedNgramFeatures('const f = (x) => { return x; };', 512);
    const words = hashedNgramFeatures('const f x return x', 512);
    expect(cosineSimilarity(arrow, words)).toBeLessThan(0.95);
  });

  it('spreads features with signs: about half of the used buckets are negative', () => {
    const vector = hashedNgramFeatures('The quick brown fox jumps over the lazy dog near the riverbank at dawn.', 4096);
    const negative = vector.filter((value) => value < 0).length;
    const positive = vector.filter((value) => value > 0).length;
    expect(negative).toBeGreaterThan(positive / 3);
    expect(positive).toBeGreaterThan(negative / 3);
  });

  it(`reads only the first ${HASHED_NGRAM_MAX_CHARACTERS} characters`, () => {
    const opening = 'a'.repeat(HASHED_NGRAM_MAX_CHARACTERS - 10);
    const before = hashedNgramFeatures(`${opening}0123456789 tail one`, 512);
    const after = hashedNgramFeatures(`${opening}0123456789 tail two`, 512);
    const inside = hashedNgramFeatures(`${opening}012345678X tail two`, 512);
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(Array.from(inside)).not.toEqual(Array.from(before));
  });
});
