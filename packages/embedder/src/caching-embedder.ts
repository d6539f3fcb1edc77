import { LRUCache } from 'lru-cache';
import type { Embedder } from './embedder';
import { embedderClosedError } from './embedder-closed-error';

export interface CachingEmbedderOptions {
  /** Most texts remembered; default 10,000. */
  maxEntries?: number;
  /**
   * Most bytes remembered (text at 2 bytes per UTF-16 unit plus the vector); default 128 MiB. Entry count alone
   * would let 10,000 pasted 50k-character prompts hold a gigabyte.
   */
  maxBytes?: number;
}

/** Counters for metrics: hits + misses + coalesced = texts asked for. */
export interface EmbeddingCacheStatistics {
  /** Texts answered from the cache. */
  readonly hits: number;
  /** Distinct texts sent to the wrapped embedder. */
  readonly misses: number;
  /** Texts that joined an identical text being embedded (repeated in one call, or in flight from another call). */
  readonly coalesced: number;
  readonly entries: number;
}

/**
 * Remembers vectors by exact text in an LRU. Identical texts, whether repeated within one call or in concurrent
 * calls, are embedded once. Callers get copies, so mutating a returned vector cannot corrupt the cache.
 */
export class CachingEmbedder implements Embedder {
  readonly id: string;
  readonly kind: Embedder['kind'];
  readonly dimension: number;
  readonly maxTokens: number;
  private readonly cache: LRUCache<string, Float32Array>;
  private readonly inFlight = new Map<string, Promise<Float32Array>>();
  private hits = 0;
  private misses = 0;
  private coalesced = 0;
  private closed = false;

  constructor(
    private readonly inner: Embedder,
    options: CachingEmbedderOptions = {},
  ) {
    this.id = inner.id;
    this.kind = inner.kind;
    this.dimension = inner.dimension;
    this.maxTokens = inner.maxTokens;
    this.cache = new LRUCache<string, Float32Array>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 128 * 1024 * 1024,
      sizeCalculation: (vector, text) => text.length * 2 + vector.byteLength + 1,
    });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) throw embedderClosedError(this.id);
    const known = texts.map((text) => this.lookup(text));
    const missing = [...new Set(texts.filter((_, index) => known[index] === undefined))];
    this.misses += missing.length;
    // Repeats of a missing text within this call wait for its one embedding.
    this.coalesced += known.filter((vector) => vector === undefined).length - missing.length;
    if (missing.length > 0) this.startEmbedding(missing);
    const vectors = await Promise.all(
      texts.map((text, index) => known[index] ?? (this.inFlight.get(text) as Promise<Float32Array>)),
    );
    return vectors.map((vector) => vector.slice());
  }

  /** A cached or in-flight vector for `text` (counted as a hit or coalesced), or undefined when it must be embedded. */
  private lookup(text: string): Promise<Float32Array> | undefined {
    const cached = this.cache.get(text);
    if (cached !== undefined) {
      this.hits += 1;
      return Promise.resolve(cached);
    }
    const inFlight = this.inFlight.get(text);
    if (inFlight !== undefined) this.coalesced += 1;
    return inFlight;
  }

  /** One wrapped call for `texts`: cached on success, then (success or not) no longer in flight. */
  private startEmbedding(texts: string[]): void {
    const embedding = this.inner
      .embed(texts)
      .then((vectors) => {
        if (vectors.length !== texts.length) {
          throw new Error(`Embedder ${this.id} returned ${vectors.length} vectors for ${texts.length} texts.`);
        }
        texts.forEach((text, index) => this.cache.set(text, vectors[index] as Float32Array));
        return vectors;
      })
      .finally(() => {
        for (const text of texts) this.inFlight.delete(text);
      });
    texts.forEach((text, index) => this.inFlight.set(text, embedding.then((vectors) => vectors[index] as Float32Array)));
  }

  statistics(): EmbeddingCacheStatistics {
    return { hits: this.hits, misses: this.misses, coalesced: this.coalesced, entries: this.cache.size };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    await this.inner.close();
  }
}
