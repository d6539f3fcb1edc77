import { BatchingEmbedder, HashedNgramEmbedder, hashedNgramFeatures } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { CountingEmbedder } from './support/counting-embedder';

runEmbedderContract('BatchingEmbedder over HashedNgramEmbedder', async () => new BatchingEmbedder(new HashedNgramEmbedder()), {
  semantic: false,
});

const vectorOf = (text: string) => Array.from(hashedNgramFeatures(text, 64));

describe('BatchingEmbedder', () => {
  it('takes id, kind, dimension and maxTokens from the wrapped embedder', () => {
    const batching = new BatchingEmbedder(new CountingEmbedder());
    expect(batching).toMatchObject({ id: 'counting-test-double', kind: 'hashed-ngram', dimension: 64, maxTokens: 1000, maxBatchSize: 32 });
  });

  it('merges calls made in the same tick into one underlying call and splits the results back', async () => {
    const inner = new CountingEmbedder();
    const batching = new BatchingEmbedder(inner);
    const [first, second, third] = await Promise.all([
      batching.embed(['alpha']),
      batching.embed(['beta', 'gamma']),
      batching.embed(['delta']),
    ]);
    expect(inner.calls).toEqual([['alpha', 'beta', 'gamma', 'delta']]);
    expect(first!.map((vector) => Array.from(vector))).toEqual([vectorOf('alpha')]);
    expect(second!.map((vector) => Array.from(vector))).toEqual([vectorOf('beta'), vectorOf('gamma')]);
    expect(third!.map((vector) => Array.from(vector))).toEqual([vectorOf('delta')]);
  });

  it('also merges calls made after awaiting in the same turn of the event loop', async () => {
    const inner = new CountingEmbedder();
    const batching = new BatchingEmbedder(inner);
    const afterAwait = async (text: string) => {
      await Promise.resolve();
      return batching.embed([text]);
    };
    await Promise.all([batching.embed(['one']), afterAwait('two'), afterAwait('three')]);
    expect(inner.calls).toEqual([['one', 'two', 'three']]);
  });

  it('keeps calls from different ticks in different underlying calls', async () => {
    const inner = new CountingEmbedder();
    const batching = new BatchingEmbedder(inner);
    await batching.embed(['first']);
    await batching.embed(['second']);
    expect(inner.calls).toEqual([['first'], ['second']]);
  });

  it('sends at most maxBatchSize texts per underlying call, keeping each caller whole when it fits', async () => {
    const inner = new CountingEmbedder();
    const batching = new BatchingEmbedder(inner, { maxBatchSize: 3 });
    const requests = [['a'], ['b'], ['c'], ['d', 'e'], ['f', 'g']];
    const results = await Promise.all(requests.map((texts) => batching.embed(texts)));
    expect(inner.calls).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f', 'g']]);
    const texts = requests.flat();
    expect(results.flat().map((vector) => Array.from(vector))).toEqual(texts.map(vectorOf));
  });

  it('splits one caller larger than maxBatchSize into consecutive chunks and reassembles its vectors in order', async () => {
    const inner = new CountingEmbedder();
    const batching = new BatchingEmbedder(inner, { maxBatchSize: 32 });
    const texts = Array.from({ length: 70 }, (_, index) => `text number ${index}`);
    const vectors = await batching.embed(texts);
    expect(inner.calls.map((call) => call.length)).toEqual([32, 32, 6]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(texts.map(vectorOf));
  });

  it('rejects every caller in a failed batch with the error, and answers callers in other batches', async () => {
    const inner = new CountingEmbedder({ failWhen: (texts) => texts.includes('poison') });
    const batching = new BatchingEmbedder(inner, { maxBatchSize: 2 });
    const outcomes = await Promise.allSettled([
      batching.embed(['fine']),
      batching.embed(['poison']),
      batching.embed(['also fine']),
    ]);
    expect(inner.calls).toEqual([['fine', 'poison'], ['also fine']]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const outcome of outcomes.slice(0, 2)) {
      expect((outcome as PromiseRejectedResult).reason).toEqual(new Error('refused: fine, poison'));
    }
  });

  it('answers an empty call at once without calling the wrapped embedder', async () => {
    const inner = new CountingEmbedder();
    await expect(new BatchingEmbedder(inner).embed([])).resolves.toEqual([]);
    expect(inner.calls).toEqual([]);
  });

  it('finishes queued calls before closing the wrapped embedder', async () => {
    const inner = new CountingEmbedder({ delayMs: 20 });
    const batching = new BatchingEmbedder(inner);
    const pending = batching.embed(['queued before close']);
    await batching.close();
    await expect(pending).resolves.toHaveLength(1);
    expect(inner.closeCount).toBe(1);
  });

  it('rejects a maxBatchSize that is not a positive integer', () => {
    expect(() => new BatchingEmbedder(new CountingEmbedder(), { maxBatchSize: 0 })).toThrow(RangeError);
  });
});
