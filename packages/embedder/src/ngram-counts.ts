import { FeatureCounter } from './feature-counter';
import { FNV_OFFSET_BASIS, finalizeHash, fnv1aRange, fnv1aStep } from './feature-hashing';

/**
 * Lexical features as counts of hashed n-grams, packed one per 32-bit entry so they can be stored and sent compactly
 * and turned into a feature vector later (see `ngramVector`). An entry is
 *
 *   bucket (18 bits) · family (2 bits) · sign (1 bit) · count (11 bits, capped)
 *
 * from the high bits down, so sorting entries sorts them by bucket. Families: word unigrams, word bigrams,
 * character 3–5-grams. Words are lowercased runs of letters and digits; in scripts written without spaces (Chinese,
 * Japanese, Korean, Thai) a run contributes its overlapping character pairs instead.
 */
export const NGRAM_FAMILIES = ['word', 'word_bigram', 'character_3_5'] as const;
export const MAX_NGRAM_DIMENSION = 1 << 18;
/** Names the hashing and packing above; stored with feature rows and artifacts so a change is never mixed with old rows. */
export const NGRAM_SCHEME = 'ngram-counts/v1';

/**
 * Character n-grams are read from this many characters at the start and at the end of the text, where requests say
 * what they want; over a pasted document they would add thousands of features that describe its content, not the task.
 */
const CHARACTER_HEAD = 240;
const CHARACTER_TAIL = 120;
/** Words are read from at most this many characters (the task description the classifier sees is shorter). */
const WORD_CHARACTERS = 8_000;
const MAX_COUNT = 0x7ff;

const WORD_SEEDS = [FNV_OFFSET_BASIS, finalizeHash(FNV_OFFSET_BASIS ^ 0x62696772), finalizeHash(FNV_OFFSET_BASIS ^ 0x63686172)] as const;
const WORD_PATTERN = /[\p{L}\p{N}\p{M}_]+/gu;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const { imul } = Math;

const unigrams = new FeatureCounter(WORD_CHARACTERS);
const bigrams = new FeatureCounter(WORD_CHARACTERS);
const characterNgrams = new FeatureCounter(3 * (CHARACTER_HEAD + CHARACTER_TAIL + 4));
const counters = [unigrams, bigrams, characterNgrams] as const;

/** Packed, sorted n-gram counts of `text` hashed into `dimension` buckets (a power of two up to 2^18). */
export function countNgrams(text: string, dimension: number): Uint32Array {
  if (!Number.isInteger(Math.log2(dimension)) || dimension < 2 || dimension > MAX_NGRAM_DIMENSION) {
    throw new RangeError(`n-gram dimension must be a power of two from 2 to ${MAX_NGRAM_DIMENSION}, got ${dimension}`);
  }
  const normalized = text.slice(0, WORD_CHARACTERS).toLowerCase().replace(/\s+/g, ' ').trim();
  countWords(normalized);
  const characters = normalized.length <= CHARACTER_HEAD + CHARACTER_TAIL ? normalized : `${normalized.slice(0, CHARACTER_HEAD)} … ${normalized.slice(-CHARACTER_TAIL)}`;
  if (characters.length > 0) countCharacterNgrams(` ${characters} `);

  let total = 0;
  for (const counter of counters) total += counter.size;
  const packed = new Uint32Array(total);
  let next = 0;
  counters.forEach((counter, family) => {
    counter.forEachFeature((hash, count) => {
      const bucket = hash & (dimension - 1);
      const sign = hash >>> 31;
      packed[next++] = ((bucket << 14) | (family << 12) | (sign << 11) | Math.min(count, MAX_COUNT)) >>> 0;
    });
    counter.reset();
  });
  return packed.sort();
}

function countWords(text: string): void {
  let previous: number | null = null;
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end - start > 1 && UNSPACED_SCRIPT.test(match[0])) {
      for (let index = start; index + 2 <= end; index++) unigrams.add(finalizeHash(fnv1aRange(WORD_SEEDS[0], text, index, index + 2)));
      previous = null;
      continue;
    }
    const word = fnv1aRange(WORD_SEEDS[0], text, start, end);
    unigrams.add(finalizeHash(word));
    if (previous !== null) bigrams.add(finalizeHash(imul(WORD_SEEDS[1] ^ previous, 0x9e3779b1) ^ word));
    previous = word;
  }
}

/** Every 3-, 4- and 5-gram; the longer ones extend the 3-gram's running hash instead of restarting. */
function countCharacterNgrams(padded: string): void {
  for (let start = 0; start + 3 <= padded.length; start++) {
    let state = fnv1aStep(fnv1aStep(WORD_SEEDS[2], padded.charCodeAt(start)), padded.charCodeAt(start + 1));
    const end = Math.min(start + 5, padded.length);
    for (let position = start + 2; position < end; position++) {
      state = fnv1aStep(state, padded.charCodeAt(position));
      characterNgrams.add(finalizeHash(state));
    }
  }
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * The feature vector of packed counts: each entry weighs ±(1 + ln count); each family is L2-normalized so the many
 * character n-grams do not drown the few words; entries in the same bucket are summed; the result is L2-normalized.
 */
export function ngramVector(packed: Uint32Array): SparseVector {
  const norms = [0, 0, 0];
  for (const entry of packed) {
    const weight = 1 + Math.log(entry & MAX_COUNT);
    norms[(entry >>> 12) & 3]! += weight * weight;
  }
  const scale = norms.map((norm) => (norm > 0 ? 1 / Math.sqrt(norm) : 0));
  const indices = new Int32Array(packed.length);
  const values = new Float64Array(packed.length);
  let used = -1;
  let lastBucket = -1;
  for (const entry of packed) {
    const bucket = entry >>> 14;
    const value = (entry & 0x800 ? -1 : 1) * (1 + Math.log(entry & MAX_COUNT)) * scale[(entry >>> 12) & 3]!;
    if (bucket !== lastBucket) {
      indices[++used] = bucket;
      values[used] = 0;
      lastBucket = bucket;
    }
    values[used]! += value;
  }
  const size = used + 1;
  let squares = 0;
  for (let index = 0; index < size; index++) squares += values[index]! * values[index]!;
  const inverse = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  for (let index = 0; index < size; index++) values[index]! *= inverse;
  return { indices: indices.slice(0, size), values: values.slice(0, size) };
}

/** Packed counts as base64 (little-endian 32-bit entries), the form decision records carry. */
export function encodeNgramCounts(packed: Uint32Array): string {
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64');
}

export function decodeNgramCounts(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 4 !== 0) throw new RangeError('packed n-gram counts must be a whole number of 32-bit entries');
  const packed = new Uint32Array(bytes.length / 4);
  for (let index = 0; index < packed.length; index++) packed[index] = bytes.readUInt32LE(index * 4);
  return packed;
}
