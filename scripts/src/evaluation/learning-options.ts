/** The learning-curve benchmark's command line (see scripts/src/eval-learning.ts). */
export interface LearningOptions {
  /** The public source streamed to the router and left out of every classifier's seed training. */
  source: string;
  /** How many of the source's prompts are streamed; the rest are the evaluation set. */
  stream: number;
  /** Retrain after every this many streamed prompts. */
  every: number;
  /** Probability that the stand-in fallback LLM answers a prompt's gold label. */
  accuracy: number;
  seed: number;
}

/**
 * The streamed source is left out of training, so all of its prompts are available (awesome_chatgpt_prompts has 620
 * persona prompts mapped to chat): 500 streamed, as the goal is stated, and the rest evaluated.
 */
export const DEFAULT_LEARNING_OPTIONS: LearningOptions = { source: 'awesome_chatgpt_prompts', stream: 500, every: 100, accuracy: 0.9, seed: 1 };

/** Reads `--source NAME --stream N --every N --accuracy P --seed N`; anything else is an error naming it. */
export function parseLearningOptions(argv: readonly string[]): LearningOptions {
  const options = { ...DEFAULT_LEARNING_OPTIONS };
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--source':
        options.source = value;
        break;
      case '--stream':
        options.stream = positiveInteger(flag, value);
        break;
      case '--every':
        options.every = positiveInteger(flag, value);
        break;
      case '--seed':
        options.seed = positiveInteger(flag, value);
        break;
      case '--accuracy': {
        const accuracy = Number(value);
        if (!(accuracy >= 0 && accuracy <= 1)) throw new Error(`--accuracy must be between 0 and 1, not ${value}`);
        options.accuracy = accuracy;
        break;
      }
      default:
        throw new Error(`unknown option ${flag} (known: --source, --stream, --every, --accuracy, --seed)`);
    }
  }
  return options;
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive integer, not ${value}`);
  return number;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1), so a run is repeatable from `--seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A Fisher–Yates shuffled copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
