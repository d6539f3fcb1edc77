import type { Embedder } from './embedder';
import { embedderClosedError } from './embedder-closed-error';

export interface BatchingEmbedderOptions {
  /** Most texts per underlying call; default 32 (the static model's memory grows past ~64: it builds a batch × tokens mask). */
  maxBatchSize?: number;
}

interface PendingRequest {
  readonly texts: readonly string[];
  readonly resolve: (vectors: Float32Array[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Merges concurrent `embed` calls into few underlying calls: one session run for 32 texts costs far less than 32
 * runs of one. Calls made during the same event-loop turn are queued and flushed in `setImmediate` (a microtask
 * would only catch calls made synchronously together, not requests parsed from the same socket reads), in
 * underlying calls of at most `maxBatchSize` texts run one after another, so memory stays bounded. A failed call
 * rejects every caller with a text in it; each caller is answered as soon as its own call is done.
 */
export class BatchingEmbedder implements Embedder {
  readonly id: string;
  readonly kind: Embedder['kind'];
  readonly dimension: number;
  readonly maxTokens: number;
  readonly maxBatchSize: number;
  private queue: PendingRequest[] = [];
  private scheduledFlush: Promise<void> | null = null;
  private readonly runningFlushes = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly inner: Embedder,
    options: BatchingEmbedderOptions = {},
  ) {
    this.id = inner.id;
    this.kind = inner.kind;
    this.dimension = inner.dimension;
    this.maxTokens = inner.maxTokens;
    this.maxBatchSize = options.maxBatchSize ?? 32;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new RangeError(`maxBatchSize must be a positive integer, got ${this.maxBatchSize}.`);
    }
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(embedderClosedError(this.id));
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ texts, resolve, reject });
      this.scheduledFlush ??= this.scheduleFlush();
    });
  }

  private scheduleFlush(): Promise<void> {
    const flush = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const requests = this.queue;
      this.queue = [];
      this.scheduledFlush = null;
      return this.run(requests);
    });
    this.runningFlushes.add(flush);
    void flush.finally(() => this.runningFlushes.delete(flush));
    return flush;
  }

  /**
   * Packs consecutive whole requests into groups of at most `maxBatchSize` texts, one group after another. A
   * single request larger than that is a group of its own, embedded in consecutive chunks. Never rejects.
   */
  private async run(requests: readonly PendingRequest[]): Promise<void> {
    let group: PendingRequest[] = [];
    let groupSize = 0;
    for (const request of requests) {
      if (group.length > 0 && groupSize + request.texts.length > this.maxBatchSize) {
        await this.embedGroup(group);
        group = [];
        groupSize = 0;
      }
      group.push(request);
      groupSize += request.texts.length;
    }
    if (group.length > 0) await this.embedGroup(group);
  }

  /** The outcome of the group's underlying call(s) goes to every member: vectors split back, or the error. */
  private async embedGroup(group: readonly PendingRequest[]): Promise<void> {
    const texts = group.flatMap((request) => request.texts);
    try {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += this.maxBatchSize) {
        const chunk = texts.slice(start, start + this.maxBatchSize);
        const chunkVectors = await this.inner.embed(chunk);
        if (chunkVectors.length !== chunk.length) {
          throw new Error(`Embedder ${this.id} returned ${chunkVectors.length} vectors for ${chunk.length} texts.`);
        }
        vectors.push(...chunkVectors);
      }
      let start = 0;
      for (const request of group) {
        request.resolve(vectors.slice(start, start + request.texts.length));
        start += request.texts.length;
      }
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  }

  /** Lets queued and running batches finish, then closes the wrapped embedder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.runningFlushes]);
    await this.inner.close();
  }
}
