import { createHash } from 'node:crypto';
import { countTokens, decode, encode } from 'gpt-tokenizer/encoding/o200k_base';

const MIN_FILLER_TOKENS = 40;
const MAX_FILLER_TOKENS = 400;

const FILLER_SENTENCES = [
  'Here is a short overview of how this kind of question is usually approached.',
  'The first step is to pin down what a good answer has to include and what it can leave out.',
  'A careful answer would then work through the main points one at a time.',
  'Each point is backed by a concrete example, so the reasoning is easy to follow.',
  'Trade-offs matter here: the simplest option is often good enough, but not always.',
  'When the details are uncertain, it is better to say so than to guess.',
  'A short summary at the end helps the reader remember the key takeaways.',
  'In practice, the right choice depends on the constraints of the situation.',
  'It also helps to check the result against a few edge cases before relying on it.',
  'The same approach scales from a quick sketch to a thorough, detailed treatment.',
  'Where numbers are involved, showing the calculation makes the answer easier to verify.',
  'Finally, a good answer suggests what to look at next if the reader wants to go deeper.',
] as const;

/** The line every demo-mode answer starts with, so nobody mistakes it for a model's output. */
export function demoModeLabel(model: string): string {
  return `[Routewise demo mode: simulated answer from ${model}. No provider key is configured, so no model was called.]`;
}

export interface SimulatedText {
  text: string;
  /** True when `maxTokens` cut the text short. */
  truncated: boolean;
}

/**
 * The label followed by filler whose length (40–400 tokens) is a pseudo-random function of the prompt, so the
 * same prompt always gets the same answer. `maxTokens` bounds the whole text, label included.
 */
export function simulatedAnswerText(model: string, promptText: string, maxTokens: number | undefined): SimulatedText {
  const digest = createHash('sha256').update(promptText).digest();
  const random = seededRandom(digest.readUInt32BE(0));
  const targetFillerTokens = MIN_FILLER_TOKENS + (digest.readUInt32BE(4) % (MAX_FILLER_TOKENS - MIN_FILLER_TOKENS + 1));
  const sentences: string[] = [];
  while (countTokens(sentences.join(' ')) < targetFillerTokens) {
    sentences.push(FILLER_SENTENCES[Math.floor(random() * FILLER_SENTENCES.length)] ?? FILLER_SENTENCES[0]);
  }
  const full = `${demoModeLabel(model)}\n\n${sentences.join(' ')}`;
  if (maxTokens === undefined || countTokens(full) <= maxTokens) return { text: full, truncated: false };
  return { text: truncateToTokens(full, Math.max(0, maxTokens)), truncated: true };
}

/** Decoding a token prefix can re-encode to more tokens at the seam; shorten until it fits. */
function truncateToTokens(text: string, maxTokens: number): string {
  const tokens = encode(text);
  for (let keep = maxTokens; keep > 0; keep -= 1) {
    const candidate = decode(tokens.slice(0, keep));
    if (countTokens(candidate) <= maxTokens) return candidate;
  }
  return '';
}

/** mulberry32: a tiny deterministic generator; quality is irrelevant here, repeatability is not. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
