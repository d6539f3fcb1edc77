/**
 * Turns texts into fixed-size vectors. Every implementation runs the same contract suite
 * (packages/embedder/test/embedder-contract.ts).
 */
export interface Embedder {
  /**
   * Stable identity of the model behind the vectors, e.g. `Xenova/all-MiniLM-L6-v2`,
   * `local:routewise-static-en-64@5a269fd43c48` or `hashed-ngram-v1:512`. A classifier artifact records it and is
   * only used with an embedder of the same id.
   */
  readonly id: string;
  readonly kind: EmbedderKind;
  readonly dimension: number;
  /** Longest input, in the model's own tokens, that is embedded; longer texts are truncated. */
  readonly maxTokens: number;
  /**
   * One L2-normalized vector per text, in order. A text the model sees no tokens in (empty, or whitespace only for
   * models without special tokens) has no direction: it gets the all-zero vector rather than NaNs.
   * Rejects with NotReadyError after `close()`.
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases the model; safe to call more than once. */
  close(): Promise<void>;
}

export type EmbedderKind = 'sentence-transformer' | 'model2vec' | 'hashed-ngram';
