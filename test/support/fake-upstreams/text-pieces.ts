/** Splits text the way streams deliver it: a word with its leading space per piece; joined, they are the text. */
export function wordPieces(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? [];
  const trailing = text.slice(pieces.join('').length);
  return trailing === '' ? pieces : [...pieces, trailing];
}

/** Splits a JSON string into short fragments, as tool-call arguments are streamed. */
export function fragments(text: string, size = 8): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}
