import { countO200kTokens, countTokensWithinBudget, nextSegmentEnd, SAMPLE_SLOTS, TOKEN_COUNT_BUDGET, type SegmentTokenizer } from '@routewise/tokens';
import { fixed, formatTable } from '../console-table';
import { summarize } from './latency-summary';
import { loadPublicSources, seededRandom, syntheticSources, type DocumentSource } from './token-count-corpora';

/**
 * `pnpm bench:tokens`: how far the bounded token count (@routewise/tokens) is from gpt-tokenizer's exact o200k count,
 * and what it costs. Documents of 20k to 500k characters are built at run time from the public sets in
 * ../shared/data (several seeded shuffles each) and from seeded adversarial text. The reference is gpt-tokenizer
 * on the whole text where that is affordable; for long runs without word boundaries, where it is quadratic, only at
 * 20k, and beyond that the segmented count: every character, in the segments the bounded count would cut.
 * Then the worst cases' timings, in CPU time (other processes on the machine do not count), with fresh random text
 * each run so gpt-tokenizer's merge cache never helps.
 * `--timings-only` skips the accuracy part.
 */
const SIZES = [20_000, 50_000, 100_000, 200_000, 500_000] as const;
const DOCUMENTS: Record<(typeof SIZES)[number], number> = { 20_000: 20, 50_000: 16, 100_000: 12, 200_000: 8, 500_000: 4 };
const UNAFFORDABLE_DOCUMENTS = 3;
const WORST_CASE_RUNS = 11;

interface Measurement {
  source: string;
  size: number;
  reference: 'gpt-tokenizer' | 'segmented';
  exactTokens: number;
  estimatedTokens: number;
  /** Full segmented count minus gpt-tokenizer's, when both were computed. */
  segmentingDifference: number | null;
  exactMs: number;
  boundedMs: number;
}

function main(): void {
  warmUp();
  if (!process.argv.includes('--timings-only')) reportAccuracy();
  console.log('\nWorst cases: one bounded count each, fresh random text every run:\n');
  console.log(formatTable(['input', 'characters', 'handed to the tokenizer', 'tokenizer calls', 'tokens', 'first CPU ms', 'p50 CPU ms', 'max CPU ms'], worstCases().map(timeWorstCase)));
}

function reportAccuracy(): void {
  const publicSources = loadPublicSources();
  const sources = [...publicSources, ...syntheticSources()];
  const measurements: Measurement[] = [];
  for (const source of sources) {
    for (const size of SIZES) {
      const documents = source.affordableExactly ? DOCUMENTS[size] : UNAFFORDABLE_DOCUMENTS;
      for (let seed = 1; seed <= documents; seed++) measurements.push(measure(source, size, seed));
    }
  }

  console.log(`Bounded token count: budget ${TOKEN_COUNT_BUDGET} bytes, ${SAMPLE_SLOTS} slots; node ${process.version}\n`);
  console.log(formatTable(
    ['source', 'chars', 'docs', 'reference', 'exact tokens', 'estimated', '|error| p50', 'p95', 'max', 'bias', 'segmenting Δ', 'exact ms', 'bounded ms (max)'],
    groups(measurements, (measurement) => `${measurement.source}\u0000${measurement.size}`).map((group) => {
      const errors = group.map(relativeError);
      const first = group[0]!;
      const differences = group.map((measurement) => measurement.segmentingDifference).filter((difference): difference is number => difference !== null);
      return [
        first.source,
        first.size,
        group.length,
        first.reference,
        Math.round(mean(group.map((measurement) => measurement.exactTokens))),
        Math.round(mean(group.map((measurement) => measurement.estimatedTokens))),
        ...errorQuantiles(errors),
        signedPercent(mean(errors)),
        differences.length === 0 ? '—' : `${Math.min(...differences)}…${Math.max(...differences)}`,
        first.reference === 'gpt-tokenizer' ? fixed(mean(group.map((measurement) => measurement.exactMs)), 1) : '—',
        `${fixed(mean(group.map((measurement) => measurement.boundedMs)), 2)} (${fixed(Math.max(...group.map((measurement) => measurement.boundedMs)), 2)})`,
      ];
    }),
  ));

  console.log('\nError bound per source (all sizes):\n');
  const bySource = groups(measurements, (measurement) => measurement.source);
  const realSources = new Set(publicSources.map((source) => source.name));
  console.log(formatTable(
    ['source', 'docs', '|error| p50', 'p95', 'max'],
    [
      ...bySource.map((group) => [group[0]!.source, group.length, ...errorQuantiles(group.map(relativeError))]),
      ['all public text', ...summaryRow(measurements.filter((measurement) => realSources.has(measurement.source)))],
      ['all synthetic', ...summaryRow(measurements.filter((measurement) => !realSources.has(measurement.source)))],
    ],
  ));
}

function measure(source: DocumentSource, size: number, seed: number): Measurement {
  const texts = source.document(size, seed);
  const bounded = timed(() => countTokensWithinBudget(texts));
  const segmented = texts.reduce((sum, text) => sum + segmentedCount(text), 0);
  const exact = source.affordableExactly || size === SIZES[0] ? timed(() => texts.reduce((sum, text) => sum + countO200kTokens(text), 0)) : null;
  return {
    source: source.name,
    size,
    reference: exact ? 'gpt-tokenizer' : 'segmented',
    exactTokens: exact?.result ?? segmented,
    estimatedTokens: bounded.result.tokens,
    segmentingDifference: exact ? segmented - exact.result : null,
    exactMs: exact?.ms ?? Number.NaN,
    boundedMs: bounded.ms,
  };
}

/** Every character counted, in the segments nextSegmentEnd cuts (only runs without word boundaries are cut). */
function segmentedCount(text: string): number {
  let tokens = 0;
  for (let start = 0, end = 0; start < text.length; start = end) {
    end = nextSegmentEnd(text, start, text.length, Infinity);
    tokens += countO200kTokens(text.slice(start, end));
  }
  return tokens;
}

interface WorstCase {
  name: string;
  texts: (seed: number) => string[];
}

function worstCases(): WorstCase[] {
  const random = (seed: number, length: number, next: (random: () => number) => string) => {
    const generator = seededRandom(seed);
    const parts: string[] = [];
    for (let size = 0; size < length; size += parts.at(-1)!.length) parts.push(next(generator));
    return parts.join('');
  };
  const codePoints = (low: number, high: number) => (next: () => number) => String.fromCodePoint(low + Math.floor(next() * (high - low)));
  const letters = (next: () => number) => String.fromCharCode(0x61 + Math.floor(next() * 26));
  return [
    { name: "'x' × 1,000,000", texts: () => ['x'.repeat(1_000_000)] },
    { name: 'spaces × 1,000,000', texts: () => [' '.repeat(1_000_000)] },
    { name: '1,000,000 random CJK', texts: (seed) => [random(seed, 1_000_000, codePoints(0x4e00, 0xa000))] },
    { name: '1,000,000 random emoji (UTF-16 units)', texts: (seed) => [random(seed, 1_000_000, codePoints(0x1f300, 0x1fa00))] },
    { name: '1,000,000 random a–z, no spaces', texts: (seed) => [random(seed, 1_000_000, letters)] },
    { name: '1,000,000 random Cyrillic', texts: (seed) => [random(seed, 1_000_000, codePoints(0x430, 0x450))] },
    { name: '8,000 random CJK (under the old exact size)', texts: (seed) => [random(seed, 8_000, codePoints(0x4e00, 0xa000))] },
    { name: "100,000 texts of 'a'", texts: () => Array.from({ length: 100_000 }, () => 'a') },
    { name: '10,000 texts of 100 random a–z', texts: (seed) => Array.from({ length: 10_000 }, (_, index) => random(seed * 100_000 + index, 100, letters)) },
  ];
}

/**
 * The first run of each case is reported apart: it pays for compiling the tokenizer's paths for that kind of text
 * (once per process). Texts are generated before the timed runs.
 */
function timeWorstCase(worstCase: WorstCase): (string | number)[] {
  const inputs = Array.from({ length: WORST_CASE_RUNS + 1 }, (_, run) => worstCase.texts((run + 1) * 7919));
  const characters = inputs[0]!.reduce((sum, text) => sum + text.length, 0);
  let handed = 0;
  let calls = 0;
  const observed: SegmentTokenizer = (segment) => {
    handed += segment.length;
    calls++;
    return countO200kTokens(segment);
  };
  const runs = inputs.map((texts) => {
    handed = 0;
    calls = 0;
    const before = process.cpuUsage();
    const count = countTokensWithinBudget(texts, { tokenizer: observed });
    const used = process.cpuUsage(before);
    return { result: count, ms: (used.user + used.system) / 1000 };
  });
  const warm = summarize(runs.slice(1).map((run) => run.ms));
  return [worstCase.name, characters, handed, calls, runs.at(-1)!.result.tokens, fixed(runs[0]!.ms, 1), fixed(warm.p50, 1), fixed(warm.max, 1)];
}

/** The first counts pay for compiling the tokenizer's code; leave them out of the timings. */
function warmUp(): void {
  for (let run = 0; run < 200; run++) countTokensWithinBudget([`warm-up ${run}: The quick brown fox jumps over the lazy dog. 快速的棕色狐狸 ${'ab'.repeat(run)}`]);
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

function relativeError(measurement: Measurement): number {
  return measurement.exactTokens === 0 ? 0 : (measurement.estimatedTokens - measurement.exactTokens) / measurement.exactTokens;
}

function errorQuantiles(errors: readonly number[]): string[] {
  const summary = summarize(errors.map(Math.abs));
  return [summary.p50, summary.p95, summary.max].map((value) => `${(value * 100).toFixed(2)}%`);
}

function summaryRow(measurements: readonly Measurement[]): (string | number)[] {
  return [measurements.length, ...errorQuantiles(measurements.map(relativeError))];
}

function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)}%`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

function groups<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const group = byKey.get(key(item));
    if (group) group.push(item);
    else byKey.set(key(item), [item]);
  }
  return [...byKey.values()];
}

main();
