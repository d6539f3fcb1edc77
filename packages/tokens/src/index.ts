export { countTokensWithinBudget, countTextTokens } from './bounded-token-counter';
export type { TokenCount, TokenCountOptions } from './bounded-token-counter';
export { countO200kTokens } from './o200k-segment-tokenizer';
export type { SegmentTokenizer } from './o200k-segment-tokenizer';
export { isPreTokenizerBoundary } from './pre-tokenizer-boundary';
export { nextSegmentEnd } from './text-segmenter';
export {
  TOKEN_COUNT_BUDGET,
  TOKENIZER_CALL_COST,
  SAMPLE_SLOTS,
  MAX_SEGMENT_CHARACTERS,
  HARD_CUT_CHARACTERS,
  BOUNDARY_SEARCH_CHARACTERS,
} from './token-count-budget';
