import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** Counts the tokens of one segment; the bounded counter never hands it more than MAX_SEGMENT_CHARACTERS. */
export type SegmentTokenizer = (segment: string) => number;

/**
 * A chat message that contains '<|endoftext|>' or another special token's text is ordinary text to the model, and
 * gpt-tokenizer's default would throw on it: count it as ordinary text.
 */
const ORDINARY_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * gpt-tokenizer's o200k_base count (GPT-4o and later) of a text. Exact, and quadratic in the length of a piece without
 * word boundaries: give it segments, not whole requests.
 */
export const countO200kTokens: SegmentTokenizer = (segment) => countTokens(segment, ORDINARY_TEXT);
