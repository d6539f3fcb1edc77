/** mulberry32: a small repeatable generator, so every random test input is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` UTF-16 code units of code points drawn uniformly from [low, high). */
export function randomCodePoints(random: () => number, length: number, low: number, high: number): string {
  const parts: string[] = [];
  for (let size = 0; size < length; ) {
    const part = String.fromCodePoint(low + Math.floor(random() * (high - low)));
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}
