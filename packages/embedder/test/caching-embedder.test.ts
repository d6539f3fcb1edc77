import { CachingEmbedder, HashedNgramEmbedder, hashedNgramFeatures } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { CountingEmbedder } from './support/counting-embedder';

runEmbedderContract('CachingEmbedder over HashedNgramEmbedder', async () => new CachingEmbedder(new HashedNgramEmbedder()), {
  semantic: false,
});

const vectorOf = (text: string) => Array.from(hashedNgramFeatures(text, 64));

describe('CachingEmbedder', () => {
  it('embeds a text once and answers repeats from the cache', async () => {
    const inner = new CountingEmbedder();
    const caching = new CachingEmbedder(inner);
    const first = await caching.embed(['tell me a joke', 'write a haiku']);
    const second = await caching.embed(['write a haiku', 'tell me a joke', 'new text']);
    expect(inner.calls).toEqual([['tell me a joke', 'write a haiku'], ['new text']]);
    expect(second.map((vector) => Array.from(vector))).toEqual([vectorOf('write a haiku'), vectorOf('tell me a joke'), vectorOf('new text')]);
    expect(Array.from(first[0]!)).toEqual(Array.from(second[1]!));
    expect(caching.statistics()).toEqual({ hits: 2, misses: 3, coalesced: 0, entries: 3 });
  });

  it('embeds identical texts within one call once', async () => {
    const inner = new CountingEmbedder();
    const caching = new CachingEmbedder(inner);
    const vectors = await caching.embed(['same', 'other', 'same', 'same']);
    expect(inner.calls).toEqual([['same', 'other']]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(['same', 'other', 'same', 'same'].map(vectorOf));
    expect(caching.statistics()).toMatchObject({ hits: 0, misses: 2, coalesced: 2 });
  });

  it('lets concurrent calls for a text in flight share one embedding', async () => {
    const inner = new CountingEmbedder({ delayMs: 20 });
    const caching = new CachingEmbedder(inner);
    const [first, second] = await Promise.all([caching.embed(['shared', 'mine']), caching.embed(['shared', 'yours'])]);
    expect(inner.calls).toEqual([['shared', 'mine'], ['yours']]);
    expect(Array.from(first![0]!)).toEqual(vectorOf('shared'));
    expect(Array.from(second![0]!)).toEqual(vectorOf('shared'));
    expect(caching.statistics()).toMatchObject({ hits: 0, misses: 3, coalesced: 1 });
  });

  it('evicts the least recently used text beyond maxEntries', async () => {
    const inner = new CountingEmbedder();
    const caching = new CachingEmbedder(inner, { maxEntries: 2 });
    await caching.embed(['a']);
    await caching.embed(['b']);
    await caching.embed(['a']); // a is now more recent than b
    await caching.embed(['c']); // evicts b
    await caching.embed(['a', 'b']);
    expect(inner.calls).toEqual([['a'], ['b'], ['c'], ['b']]);
    expect(caching.statistics().entries).toBe(2);
  });

  it('bounds memory by bytes too: texts too large for maxBytes are embedded but not kept', async () => {
    const inner = new CountingEmbedder();
    const caching = new CachingEmbedder(inner, { maxBytes: 10_000 });
    const huge = 'x'.repeat(20_000);
    await caching.embed([huge]);
    await caching.embed([huge]);
    expect(inner.calls).toHaveLength(2);
    expect(caching.statistics().entries).toBe(0);
  });

  it('returns copies: changing a returned vector does not change the cached one', async () => {
    const caching = new CachingEmbedder(new CountingEmbedder());
    const [first] = await caching.embed(['mutable']);
    first!.fill(0);
    const [second] = await caching.embed(['mutable']);
    expect(Array.from(second!)).toEqual(vectorOf('mutable'));
  });

  it('does not cache failures: every caller sees the error and a later call tries again', async () => {
    let refuse = true;
    const inner = new CountingEmbedder({ failWhen: () => refuse, delayMs: 5 });
    const caching = new CachingEmbedder(inner);
    const outcomes = await Promise.allSettled([caching.embed(['flaky']), caching.embed(['flaky'])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    refuse = false;
    await expect(caching.embed(['flaky'])).resolves.toHaveLength(1);
    expect(inner.calls).toEqual([['flaky'], ['flaky']]);
  });

  it('closes the wrapped embedder once', async () => {
    const inner = new CountingEmbedder();
    const caching = new CachingEmbedder(inner);
    await caching.close();
    await caching.close();
    expect(inner.closeCount).toBe(1);
  });
});
