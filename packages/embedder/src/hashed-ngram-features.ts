import { FeatureCounter } from './feature-counter';
import { FNV_OFFSET_BASIS, finalizeHash, fnv1aRange, fnv1aStep } from './feature-hashing';
import { truncateCharacters } from './text-truncation';
import { normalizeInPlace } from './vector-normalization';

/**
 * Characters of a text that are read. A 4k-token prompt is ~16k characters; beyond 20k the cost keeps growing while
 * the opening of the prompt, which says what is being asked, is already represented.
 */
export const HASHED_NGRAM_MAX_CHARACTERS = 20_000;

const WORD_SEED = FNV_OFFSET_BASIS;
const WORD_BIGRAM_SEED = finalizeHash(FNV_OFFSET_BASIS ^ 0x62696772);
const CHARACTER_SEED = finalizeHash(FNV_OFFSET_BASIS ^ 0x63686172);
const WORD_PATTERN = /[\p{L}\p{N}\p{M}_]+/gu;
// Bound once for the hot loops: global lookups are slow inside vm contexts such as jest's (see feature-hashing.ts).
const { imul, log } = Math;

// Sized for the most features a text of HASHED_NGRAM_MAX_CHARACTERS can have (three n-gram sizes per position);
// shared between calls because the function is synchronous and JavaScript single-threaded.
const counter = new FeatureCounter(3 * (HASHED_NGRAM_MAX_CHARACTERS + 2));

/**
 * Lexical features of `text`: lowercased word unigrams, word bigrams and character 3–5-grams, each hashed with a
 * sign bit into `dimension` buckets with sublinear term frequency (1 + ln tf). Each family is L2-normalized before
 * they are summed, so the ~3 character n-grams per character do not drown out the ~0.2 words per character; the
 * sum is L2-normalized again. Empty or whitespace-only text gives the zero vector.
 *
 * Character n-grams run over the whole normalized text (whitespace collapsed, padded with a space at each end)
 * rather than within words: punctuation and operator runs such as `();`, `=> {` or `` ```py `` are what separate
 * code from prose, and word-bounded n-grams would drop them along with the word transitions.
 */
export function hashedNgramFeatures(text: string, dimension = 512): Float32Array {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new RangeError(`dimension must be a positive integer, got ${dimension}.`);
  }
  const normalized = truncateCharacters(text, HASHED_NGRAM_MAX_CHARACTERS).toLowerCase().replace(/\s+/g, ' ').trim();
  const features = new Float32Array(dimension);
  const family = new Float32Array(dimension);

  const wordHashes: number[] = [];
  for (const match of normalized.matchAll(WORD_PATTERN)) {
    wordHashes.push(fnv1aRange(WORD_SEED, normalized, match.index, match.index + match[0].length));
  }
  for (const wordHash of wordHashes) counter.add(finalizeHash(wordHash));
  addFamily(features, family);

  for (let index = 1; index < wordHashes.length; index++) {
    const previous = wordHashes[index - 1] as number;
    const current = wordHashes[index] as number;
    counter.add(finalizeHash(imul(WORD_BIGRAM_SEED ^ previous, 0x9e3779b1) ^ current));
  }
  addFamily(features, family);

  countCharacterNgrams(normalized.length === 0 ? '' : ` ${normalized} `);
  addFamily(features, family);

  return normalizeInPlace(features);
}

/** Counts every 3-, 4- and 5-gram; the 4- and 5-gram hashes extend the 3-gram's running state instead of restarting. */
function countCharacterNgrams(padded: string): void {
  for (let start = 0; start + 3 <= padded.length; start++) {
    let state = CHARACTER_SEED;
    state = fnv1aStep(state, padded.charCodeAt(start));
    state = fnv1aStep(state, padded.charCodeAt(start + 1));
    const end = start + 5 < padded.length ? start + 5 : padded.length;
    for (let position = start + 2; position < end; position++) {
      state = fnv1aStep(state, padded.charCodeAt(position));
      counter.add(finalizeHash(state));
    }
  }
}

/** Drains the counter into `features`: sublinear tf into signed buckets, the family normalized, then summed. */
function addFamily(features: Float32Array, family: Float32Array): void {
  family.fill(0);
  const dimension = family.length;
  counter.forEachFeature((hash, count) => {
    const bucket = hash % dimension;
    const signedWeight = (hash & 0x80000000 ? -1 : 1) * (1 + log(count));
    family[bucket] = (family[bucket] as number) + signedWeight;
  });
  counter.reset();
  normalizeInPlace(family);
  for (let index = 0; index < dimension; index++) features[index] = (features[index] as number) + (family[index] as number);
}
