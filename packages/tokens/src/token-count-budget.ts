/**
 * How much tokenizer work one count may do, in UTF-8 bytes handed to the tokenizer plus TOKENIZER_CALL_COST per
 * call. Bytes, not characters, because the tokenizer's cost follows bytes: text it has never seen (random letters,
 * CJK, Cyrillic, emoji) costs 1–2 µs per byte on one idle core, about twice that on a busy machine, prose about a
 * tenth. 6,144 keeps the worst input near 10 ms (15 ms busy) while long documents are still estimated within a few
 * percent; a request whose texts fit is counted exactly (see countTokensWithinBudget).
 */
export const TOKEN_COUNT_BUDGET = 6144;

/** What one tokenizer call costs beyond its bytes (about 1.5 µs, like a dozen bytes), so 100,000 tiny texts stay cheap. */
export const TOKENIZER_CALL_COST = 16;

/**
 * Equal slots the texts are cut into; a large count reads one window in each, so a long document is sampled at its
 * start, middle and end alike.
 */
export const SAMPLE_SLOTS = 32;

/** The longest piece of text ever handed to the tokenizer in one call. */
export const MAX_SEGMENT_CHARACTERS = 256;

/**
 * Where a run with no word boundary (one long pre-tokenizer piece) is cut. gpt-tokenizer's merge is quadratic in the
 * length of a piece; up to about 128 characters the cost per character stays flat (1–2.5 µs for text it has never
 * seen), and a cut costs about one token of error. 128 is also the longest run of spaces o200k has one token for.
 */
export const HARD_CUT_CHARACTERS = 128;

/**
 * How far back a slot or window start moves to land on a word boundary. As far as a segment reaches: a run without
 * one that is longer than this is cut into HARD_CUT_CHARACTERS pieces anyway.
 */
export const BOUNDARY_SEARCH_CHARACTERS = MAX_SEGMENT_CHARACTERS;
