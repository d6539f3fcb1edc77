import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCsvRecords } from '@routewise/classifier';
import { sharedDataDirectory } from '../evaluation/shared-data';

/** Where test documents of a given size come from. */
export interface DocumentSource {
  name: string;
  /** The texts of one request of about `size` characters in all (usually one long text). */
  document(size: number, seed: number): string[];
  /** False when the texts hold long runs without word boundaries, so gpt-tokenizer's own count is quadratic. */
  affordableExactly: boolean;
}

/**
 * The public sets, read in place at run time (never copied): prose, code, math, persona prompts and the prompts
 * that are mostly Chinese, Japanese or Korean; each source's texts are concatenated into long documents. One more
 * source sends gsm8k's problems as separate messages.
 */
export function loadPublicSources(directory = sharedDataDirectory()): DocumentSource[] {
  if (!existsSync(directory)) throw new Error(`public datasets not found at ${directory} (set ROUTEWISE_SHARED_DATA)`);
  const file = (name: string) => path.join(directory, name);
  const jsonl = (name: string) =>
    readFileSync(file(name), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const strings = (values: unknown[]) => values.filter((value): value is string => typeof value === 'string' && value.trim() !== '');

  const arena = strings([
    ...jsonl('arena_hard/data__arena-hard-v0.1__question.jsonl').map((row) => row['prompt']),
    ...jsonl('arena_hard/data__arena-hard-v2.0__question.jsonl').map((row) => row['prompt']),
  ]);
  const humaneval = gunzipSync(readFileSync(file('humaneval/HumanEval.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, string>)
    .map((row) => `${row['prompt'] ?? ''}${row['canonical_solution'] ?? ''}`);
  const gsm8k = jsonl('gsm8k/test.jsonl').map((row) => `${String(row['question'])}\n${String(row['answer'])}`);
  const math500 = jsonl('math500/test_ori.jsonl').map((row) => `${String(row['problem'])}\n${String(row['solution'])}`);
  const prompts = strings(parseCsvRecords(readFileSync(file('awesome_chatgpt_prompts/prompts.csv'), 'utf8')).map((row) => row['prompt']));
  const isCjk = (text: string) => (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g)?.length ?? 0) > text.length * 0.3;
  const cjk = [...arena, ...prompts].filter(isCjk);

  const joined = (name: string, texts: readonly string[]): DocumentSource => ({
    name,
    document: (size, seed) => [concatenate(texts, size, seed)],
    affordableExactly: true,
  });
  return [
    joined('arena_hard (mixed)', arena),
    joined('humaneval (code)', humaneval),
    joined('gsm8k (math prose)', gsm8k),
    joined('math500 (LaTeX)', math500),
    joined('awesome_chatgpt_prompts', prompts.filter((text) => !isCjk(text))),
    joined('CJK prompts', cjk),
    {
      name: 'gsm8k as messages',
      document: (size, seed) => concatenate(gsm8k, size, seed).split('\n\n'),
      affordableExactly: true,
    },
    {
      name: 'mixed halves prose/CJK',
      document: (size, seed) => [`${concatenate(arena.filter((text) => !isCjk(text)), size / 2, seed)}\n\n${concatenate(cjk, size / 2, seed)}`],
      affordableExactly: true,
    },
  ];
}

/** Seeded inputs built to be hard: long runs without word boundaries, scripts the tokenizer rarely merges. */
export function syntheticSources(): DocumentSource[] {
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const random = (make: (random: () => number) => string) => (size: number, seed: number) => {
    const next = seededRandom(seed);
    const parts: string[] = [];
    for (let length = 0; length < size; ) {
      const part = make(next);
      parts.push(part);
      length += part.length;
    }
    return parts.join('');
  };
  const base64 = random((next) => BASE64[Math.floor(next() * BASE64.length)] ?? 'A');
  const codePoints = (low: number, high: number) => random((next) => String.fromCodePoint(low + Math.floor(next() * (high - low))));
  const source = (name: string, make: (size: number, seed: number) => string): DocumentSource => ({
    name,
    document: (size, seed) => [make(size, seed)],
    affordableExactly: false,
  });
  return [
    source('base64', base64),
    source('random CJK', codePoints(0x4e00, 0xa000)),
    source('random Cyrillic letters', codePoints(0x430, 0x450)),
    source('random emoji', codePoints(0x1f300, 0x1fa00)),
    source("'x' run", (size) => 'x'.repeat(size)),
    source('spaces', (size) => ' '.repeat(size)),
  ];
}

/**
 * About `size` characters of `texts` in a seeded shuffle, joined by blank lines, cycling through them again
 * (reshuffled) when they are shorter than that.
 */
function concatenate(texts: readonly string[], size: number, seed: number): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const order = texts.map((text) => ({ text, key: random() })).sort((a, b) => a.key - b.key);
    for (const { text } of order) {
      if (length >= size) break;
      parts.push(text);
      length += text.length + 2;
    }
  }
  return parts.join('\n\n').slice(0, size);
}

/** mulberry32: small and repeatable; statistical quality does not matter here. */
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
