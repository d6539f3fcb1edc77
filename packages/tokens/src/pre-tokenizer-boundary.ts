import { isHighSurrogate, isLowSurrogate } from './surrogate-pair';

/**
 * Where o200k's pre-tokenizer (the regular expression that splits text into pieces before byte-pair merging) is
 * certain to start a new piece, judging from the two characters around the position only. Cutting a text at such a
 * position and counting both sides gives exactly the count of the whole text, because byte-pair merges never cross
 * pieces and the expression has no look-behind.
 *
 * The three rules follow from the o200k expression (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX):
 * - before the last whitespace character of a run (not a line break) when a non-whitespace character follows: that
 *   character becomes the optional prefix of the next word or punctuation, e.g. `foo| bar`;
 * - between a letter or digit and punctuation or a symbol, e.g. `中文|。` or `value|)`; not before `'`, which can
 *   start a contraction (`don't`), nor before a combining mark, which belongs to the letters;
 * - between a lowercase and an uppercase letter, e.g. `camel|Case`.
 * Positions it does not recognise (inside long digit runs, between most letters) simply are not cut there.
 */
export function isPreTokenizerBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return index === 0 || index === text.length;
  switch (classAt(text, index)) {
    case CharacterClass.Space: {
      const next = index + 1 < text.length ? classAt(text, index + 1) : CharacterClass.Space;
      return next !== CharacterClass.Space && next !== CharacterClass.LineBreak;
    }
    case CharacterClass.Other: {
      const previous = classAt(text, startOfCodePointBefore(text, index));
      return previous === CharacterClass.Lowercase || previous === CharacterClass.Uppercase || previous === CharacterClass.OtherLetter || previous === CharacterClass.Digit;
    }
    case CharacterClass.Uppercase:
      return classAt(text, startOfCodePointBefore(text, index)) === CharacterClass.Lowercase;
    default:
      return false;
  }
}

const enum CharacterClass {
  /** Whitespace other than \r and \n (JavaScript's `\s`, as in the expression). */
  Space,
  LineBreak,
  Lowercase,
  /** Uppercase and titlecase letters. */
  Uppercase,
  /** Modifier and other letters (CJK, Arabic, ...), which o200k treats as both cases. */
  OtherLetter,
  /** Any `\p{N}`. */
  Digit,
  /** Combining marks, which o200k glues to letters. */
  Mark,
  Apostrophe,
  /** The second half of a surrogate pair: never a place to cut. */
  LowSurrogate,
  /** Punctuation, symbols, emoji, control characters. */
  Other,
}

/**
 * One expression whose matching group names the class of the code point at lastIndex (sticky, so nothing is sliced);
 * JavaScript's `\s` and Unicode properties, the same the o200k expression is written with.
 */
const CLASSIFIER = /(\s)|(\p{Ll})|([\p{Lu}\p{Lt}])|(\p{L})|(\p{N})|(\p{M})/uy;
const CLASS_OF_GROUP = [CharacterClass.Space, CharacterClass.Lowercase, CharacterClass.Uppercase, CharacterClass.OtherLetter, CharacterClass.Digit, CharacterClass.Mark];

/**
 * Classes of the basic multilingual plane, filled in as characters are first seen (0 = not yet), so scanning costs a
 * lookup per character; at most 64 KiB, and each character is classified by the expression once per process.
 */
const knownClasses = new Uint8Array(0x10000);

const ASCII_CLASSES = Uint8Array.from({ length: 0x80 }, (_, code) => asciiClass(code));

function classAt(text: string, index: number): CharacterClass {
  const code = text.charCodeAt(index);
  if (code < 0x80) return ASCII_CLASSES[code] ?? CharacterClass.Other;
  if (isLowSurrogate(code)) return CharacterClass.LowSurrogate;
  if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) return classify(text, index);
  const known = knownClasses[code] ?? 0;
  if (known !== 0) return known - 1;
  const computed = classify(text, index);
  knownClasses[code] = computed + 1;
  return computed;
}

function classify(text: string, index: number): CharacterClass {
  CLASSIFIER.lastIndex = index;
  const match = CLASSIFIER.exec(text);
  if (match === null) return CharacterClass.Other;
  const group = match.findIndex((value, position) => position > 0 && value !== undefined);
  return CLASS_OF_GROUP[group - 1] ?? CharacterClass.Other;
}

function asciiClass(code: number): CharacterClass {
  if (code === 0x0a || code === 0x0d) return CharacterClass.LineBreak;
  if (code === 0x20 || (code >= 0x09 && code <= 0x0c)) return CharacterClass.Space;
  if (code >= 0x61 && code <= 0x7a) return CharacterClass.Lowercase;
  if (code >= 0x41 && code <= 0x5a) return CharacterClass.Uppercase;
  if (code >= 0x30 && code <= 0x39) return CharacterClass.Digit;
  if (code === 0x27) return CharacterClass.Apostrophe;
  return CharacterClass.Other;
}

function startOfCodePointBefore(text: string, index: number): number {
  return index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2)) ? index - 2 : index - 1;
}
