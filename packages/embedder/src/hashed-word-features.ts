import { FeatureCounter } from './feature-counter';
import { FNV_OFFSET_BASIS, finalizeHash, fnv1aRange } from './feature-hashing';
import { HASHED_NGRAM_MAX_CHARACTERS } from './hashed-ngram-features';
import { truncateCharacters } from './text-truncation';
import { normalizeInPlace } from './vector-normalization';

const WORD_PATTERN = /[\p{L}\p{N}\p{M}_]+/gu;
/** Scripts written without spaces: their "words" are taken as overlapping character pairs. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const { log } = Math;
const counter = new FeatureCounter(2 * HASHED_NGRAM_MAX_CHARACTERS + 2);

/**
 * Bag of words hashed with a sign bit into `dimension` buckets, sublinear term frequency, L2-normalized. Words are
 * lowercased runs of letters and digits; runs in scripts written without spaces (Chinese, Japanese, Korean, Thai)
 * contribute their overlapping character pairs instead, which is what a word is most often there. The classifier
 * uses it beside the embedding: words such as "act", "poem", "summarize" or "function" are strong, stable cues of
 * the task, and unlike character n-grams they do not collide with the content of long pasted documents.
 */
export function hashedWordFeatures(text: string, dimension = 1024): Float32Array {
  if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`dimension must be a positive integer, got ${dimension}.`);
  const normalized = truncateCharacters(text, HASHED_NGRAM_MAX_CHARACTERS).toLowerCase();
  for (const match of normalized.matchAll(WORD_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end - start > 1 && UNSPACED_SCRIPT.test(match[0])) {
      for (let index = start; index + 2 <= end; index++) counter.add(finalizeHash(fnv1aRange(FNV_OFFSET_BASIS, normalized, index, index + 2)));
    } else {
      counter.add(finalizeHash(fnv1aRange(FNV_OFFSET_BASIS, normalized, start, end)));
    }
  }
  const features = new Float32Array(dimension);
  counter.forEachFeature((hash, count) => {
    const bucket = hash % dimension;
    features[bucket] = (features[bucket] as number) + (hash & 0x80000000 ? -1 : 1) * (1 + log(count));
  });
  counter.reset();
  return normalizeInPlace(features);
}
