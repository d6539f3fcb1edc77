/*
 * 32-bit FNV-1a over UTF-16 code units, finished with murmur3's fmix32 avalanche: FNV-1a alone mixes its low bits
 * (which pick the bucket) and its top bit (the sign) poorly for short inputs such as 3-grams.
 */

const FNV_PRIME = 0x01000193;
// Bound once: inside a vm context (jest) every lookup of the global `Math` goes through the context's interceptor,
// which made the per-character loops ~50× slower there.
const imul = Math.imul;
/** FNV-1a's offset basis; feature families start from different seeds so "the" the word and "the" the 3-gram differ. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;

/** Feeds one UTF-16 code unit into a running FNV-1a state. */
export function fnv1aStep(state: number, codeUnit: number): number {
  return imul(state ^ codeUnit, FNV_PRIME);
}

/** FNV-1a of `text[start, end)` continuing from `state`, without allocating a substring. */
export function fnv1aRange(state: number, text: string, start: number, end: number): number {
  let hash = state;
  for (let index = start; index < end; index++) hash = imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  return hash;
}

/** murmur3's finalizer: every input bit affects every output bit. Returns an unsigned 32-bit integer. */
export function finalizeHash(state: number): number {
  let hash = state;
  hash ^= hash >>> 16;
  hash = imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
