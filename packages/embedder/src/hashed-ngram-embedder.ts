import type { Embedder } from './embedder';
import { embedderClosedError } from './embedder-closed-error';
import { HASHED_NGRAM_MAX_CHARACTERS, hashedNgramFeatures } from './hashed-ngram-features';

export interface HashedNgramEmbedderOptions {
  /** Buckets in the vector; default 512. Part of the id: classifiers trained on one size cannot use another. */
  dimension?: number;
}

/**
 * The built-in offline featurizer: hashed word and character n-grams (see `hashedNgramFeatures`). Used when no
 * model can be loaded; lexical, not semantic, but deterministic, dependency-free and fast.
 */
export class HashedNgramEmbedder implements Embedder {
  readonly kind = 'hashed-ngram';
  readonly id: string;
  readonly dimension: number;
  /** This featurizer's "tokens" are characters: it reads the first HASHED_NGRAM_MAX_CHARACTERS of a text. */
  readonly maxTokens = HASHED_NGRAM_MAX_CHARACTERS;
  private closed = false;

  constructor(options: HashedNgramEmbedderOptions = {}) {
    this.dimension = options.dimension ?? 512;
    // Validates the dimension before anything depends on it.
    hashedNgramFeatures('', this.dimension);
    // v1 names the feature recipe; change it whenever the features change, or old classifiers would misread them.
    this.id = `hashed-ngram-v1:${this.dimension}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) throw embedderClosedError(this.id);
    return texts.map((text) => hashedNgramFeatures(text, this.dimension));
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
