import { isPreTokenizerBoundary } from './pre-tokenizer-boundary';
import { isHighSurrogate, isLowSurrogate, splitsSurrogatePair } from './surrogate-pair';
import { HARD_CUT_CHARACTERS, MAX_SEGMENT_CHARACTERS } from './token-count-budget';

/**
 * The end of the next segment of `text` that starts at `start`, for the tokenizer: at most MAX_SEGMENT_CHARACTERS
 * characters and `maxBytes` UTF-8 bytes, never past `limit`, never splitting a surrogate pair.
 *
 * It ends at `limit` when that is in reach, else at the last pre-tokenizer boundary in reach, so the segments'
 * counts add up to the whole text's count. Without one (a run such as 'xxxx…', base64 or unspaced CJK), the piece is
 * long and byte-pair merging costs grow with its square, so it is cut after HARD_CUT_CHARACTERS; that changes the
 * count by about one token per cut. When `maxBytes` runs out before that and no boundary is in reach, it returns
 * `start` (better to stop than to count half a word), or with `cutShort` the furthest end the bytes allow.
 */
export function nextSegmentEnd(text: string, start: number, limit: number, maxBytes: number, cutShort = false): number {
  const reach = reachableEnd(text, start, Math.min(limit, start + MAX_SEGMENT_CHARACTERS), maxBytes);
  if (reach === limit || reach === start) return reach;
  for (let index = reach; index > start; index--) {
    if (isPreTokenizerBoundary(text, index)) return index;
  }
  if (reach - start < HARD_CUT_CHARACTERS) return cutShort ? reach : start;
  const cut = start + HARD_CUT_CHARACTERS;
  return splitsSurrogatePair(text, cut) ? cut - 1 : cut;
}

/** UTF-8 length of text[start, end), as the tokenizer will encode it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (isHighSurrogate(code) && index + 1 < end && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index++;
    } else bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** The furthest position up to `end` whose UTF-8 length from `start` fits in `maxBytes`, on a code point boundary. */
function reachableEnd(text: string, start: number, end: number, maxBytes: number): number {
  let bytes = 0;
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    const pair = isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1));
    const width = pair ? 2 : 1;
    const size = pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (bytes + size > maxBytes || index + width > end) break;
    bytes += size;
    index += width;
  }
  return index;
}
