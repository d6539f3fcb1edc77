/** True when cutting `text` before `index` would separate the two halves of one surrogate pair (an emoji, say). */
export function splitsSurrogatePair(text: string, index: number): boolean {
  return isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1));
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
