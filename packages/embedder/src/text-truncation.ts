/**
 * How many characters are read per token of the window before tokenizing. Tokenizing is linear in the text, and a
 * 50,000-character prompt costs ~13 ms to tokenize in full only for most of it to be cut; prose and code average
 * 3–5 characters per token, so 16 leaves room for whitespace runs and long words while bounding the cost.
 */
export const CHARACTERS_READ_PER_TOKEN = 16;

/** The first `maxCharacters` UTF-16 units of `text`, never splitting a surrogate pair (an emoji stays whole or goes). */
export function truncateCharacters(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  const lastKept = text.charCodeAt(maxCharacters - 1);
  const endsInsidePair = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return text.slice(0, endsInsidePair ? maxCharacters - 1 : maxCharacters);
}

/** Rejects a window that could not truncate anything sensibly (zero, negative, fractional). */
export function validMaxTokens(maxTokens: number): number {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}.`);
  }
  return maxTokens;
}
