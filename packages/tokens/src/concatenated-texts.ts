import { isPreTokenizerBoundary } from './pre-tokenizer-boundary';
import { splitsSurrogatePair } from './surrogate-pair';
import { BOUNDARY_SEARCH_CHARACTERS } from './token-count-budget';

/**
 * Several texts read as one virtual string without joining them: a position is a character offset into the
 * concatenation, and maps back to a text and an offset in it. Empty texts take no room. Nothing is copied, so
 * building one costs a pass over the list, not over the characters.
 */
export class ConcatenatedTexts {
  /** Total characters (UTF-16 code units) of all texts. */
  readonly length: number;
  private readonly starts: number[];

  constructor(readonly texts: readonly string[]) {
    this.starts = new Array<number>(texts.length);
    let position = 0;
    texts.forEach((text, index) => {
      this.starts[index] = position;
      position += text.length;
    });
    this.length = position;
  }

  /** Where text `index` starts in the concatenation. */
  startOf(index: number): number {
    return this.starts[index] ?? this.length;
  }

  /** The index of the (non-empty) text holding `position`, for 0 ≤ position < length. */
  textAt(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.startOf(middle) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The nearest position at or before `position` (at most BOUNDARY_SEARCH_CHARACTERS back, never into the previous
   * text) where counting may start or stop without changing the count: a text's start or a pre-tokenizer boundary.
   * Without one, `position` itself, moved back one if it would split a surrogate pair.
   */
  snapToBoundary(position: number): number {
    if (position <= 0 || position >= this.length) return Math.min(Math.max(position, 0), this.length);
    const index = this.textAt(position);
    const text = this.texts[index] ?? '';
    const offset = position - this.startOf(index);
    for (let candidate = offset; candidate >= Math.max(0, offset - BOUNDARY_SEARCH_CHARACTERS); candidate--) {
      if (isPreTokenizerBoundary(text, candidate)) return this.startOf(index) + candidate;
    }
    return splitsSurrogatePair(text, offset) ? position - 1 : position;
  }
}
