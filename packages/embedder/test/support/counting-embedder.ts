import { NotReadyError } from '@routewise/errors';
import type { Embedder } from '../../src/embedder';
import { hashedNgramFeatures } from '../../src/hashed-ngram-features';

/**
 * A test double of the Embedder interface that records every call it receives. Vectors are real (hashed n-grams)
 * so results can be checked; `failWhen` makes a call reject, `delayMs` keeps calls in flight.
 */
export class CountingEmbedder implements Embedder {
  readonly id = 'counting-test-double';
  readonly kind = 'hashed-ngram';
  readonly dimension = 64;
  readonly maxTokens = 1000;
  readonly calls: string[][] = [];
  closeCount = 0;

  constructor(
    private readonly behaviour: { failWhen?: (texts: readonly string[]) => boolean; delayMs?: number } = {},
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closeCount > 0) throw new NotReadyError('closed');
    this.calls.push([...texts]);
    if (this.behaviour.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    if (this.behaviour.failWhen?.(texts)) throw new Error(`refused: ${texts.join(', ')}`);
    return texts.map((text) => hashedNgramFeatures(text, this.dimension));
  }

  async close(): Promise<void> {
    this.closeCount += 1;
  }

  /** Texts received over all calls, in order. */
  get textsEmbedded(): string[] {
    return this.calls.flat();
  }
}
