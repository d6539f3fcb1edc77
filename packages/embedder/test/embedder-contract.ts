import { NotReadyError } from '@routewise/errors';
import type { Embedder } from '../src/embedder';
import { cosineSimilarity, norm } from './support/vector-assertions';

export interface EmbedderContractOptions {
  /** Whether the embedder understands meaning: related requests must be closer than unrelated ones. */
  semantic: boolean;
}

const PYTHON_SORT = 'Write a Python function that sorts a list of dictionaries by a key.';
const PYTHON_CSV = 'How do I read a CSV file into a pandas DataFrame in Python and drop empty rows?';
const CAKE = 'Give me a recipe for a moist chocolate cake with buttercream frosting.';
const UNICODE = 'Café naïve — 日本語のテキスト, emoji 🚀🔥👩‍👩‍👧 and math ∑ x² ≤ ∞';

/**
 * The one suite every Embedder implementation runs (after Hono's router common.case.test.ts): shape, unit length,
 * determinism, order, batch/single agreement, awkward inputs, long inputs and close.
 */
export function runEmbedderContract(
  name: string,
  createEmbedder: () => Promise<Embedder>,
  options: EmbedderContractOptions,
): void {
  describe(`${name} (Embedder contract)`, () => {
    let embedder: Embedder;

    beforeAll(async () => {
      embedder = await createEmbedder();
    });

    afterAll(async () => {
      await embedder.close();
    });

    it('describes itself: id, kind, positive dimension and maxTokens', () => {
      expect(embedder.id).toMatch(/\S/);
      expect(['sentence-transformer', 'model2vec', 'hashed-ngram']).toContain(embedder.kind);
      expect(Number.isInteger(embedder.dimension) && embedder.dimension > 0).toBe(true);
      expect(Number.isInteger(embedder.maxTokens) && embedder.maxTokens > 0).toBe(true);
    });

    it('returns one Float32Array of `dimension` values per text, and none for no texts', async () => {
      const vectors = await embedder.embed([PYTHON_SORT, CAKE, PYTHON_CSV]);
      expect(vectors).toHaveLength(3);
      for (const vector of vectors) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(embedder.dimension);
      }
      await expect(embedder.embed([])).resolves.toEqual([]);
    });

    it('returns L2-normalized vectors', async () => {
      for (const vector of await embedder.embed([PYTHON_SORT, CAKE, 'x', UNICODE])) {
        expect(Math.abs(norm(vector) - 1)).toBeLessThan(1e-4);
      }
    });

    it('is deterministic', async () => {
      const [first] = await embedder.embed([PYTHON_CSV]);
      const [second] = await embedder.embed([PYTHON_CSV]);
      expect(Array.from(second!)).toEqual(Array.from(first!));
    });

    it('keeps the order of the texts', async () => {
      const forward = await embedder.embed([PYTHON_SORT, CAKE, PYTHON_CSV]);
      const backward = await embedder.embed([PYTHON_CSV, CAKE, PYTHON_SORT]);
      expect(cosineSimilarity(forward[0]!, forward[1]!)).toBeLessThan(0.999);
      expect(cosineSimilarity(forward[0]!, backward[2]!)).toBeGreaterThanOrEqual(0.9999);
      expect(cosineSimilarity(forward[1]!, backward[1]!)).toBeGreaterThanOrEqual(0.9999);
      expect(cosineSimilarity(forward[2]!, backward[0]!)).toBeGreaterThanOrEqual(0.9999);
    });

    it('gives a text the same vector alone and in a batch', async () => {
      const texts = [PYTHON_SORT, 'hi', CAKE, `${PYTHON_CSV} ${CAKE} ${PYTHON_SORT}`, UNICODE];
      const batch = await embedder.embed(texts);
      for (const [index, text] of texts.entries()) {
        const [single] = await embedder.embed([text]);
        expect(cosineSimilarity(single!, batch[index]!)).toBeGreaterThanOrEqual(0.9999);
      }
    });

    it('answers concurrent calls with their own texts', async () => {
      const [sortAlone, cakeAlone] = await embedder.embed([PYTHON_SORT, CAKE]);
      const [[sort], [cake]] = await Promise.all([embedder.embed([PYTHON_SORT]), embedder.embed([CAKE])]);
      expect(cosineSimilarity(sort!, sortAlone!)).toBeGreaterThanOrEqual(0.9999);
      expect(cosineSimilarity(cake!, cakeAlone!)).toBeGreaterThanOrEqual(0.9999);
    });

    it('embeds empty and whitespace-only text as a unit or all-zero vector, without throwing', async () => {
      for (const vector of await embedder.embed(['', '   \n\t  ', PYTHON_SORT])) {
        expect(vector).toHaveLength(embedder.dimension);
        expect(vector.every(Number.isFinite)).toBe(true);
        const length = norm(vector);
        expect(length < 1e-6 || Math.abs(length - 1) < 1e-4).toBe(true);
      }
    });

    it('truncates a 50,000-character text: what lies past the window does not count', async () => {
      const opening = 'Please review this long design document about caching layers and tell me the risks. '.repeat(300);
      const ending = (tail: string) => `${opening}${tail.repeat(Math.ceil((50_000 - opening.length) / tail.length))}`.slice(0, 50_000);
      const [first, second] = await embedder.embed([ending('Bake the cake at 180 degrees. '), ending('def parse(x): return x ')]);
      expect(first).toHaveLength(embedder.dimension);
      expect(Math.abs(norm(first!) - 1)).toBeLessThan(1e-4);
      expect(cosineSimilarity(first!, second!)).toBeGreaterThanOrEqual(0.9999);
    });

    it('handles accents, CJK, emoji and symbols', async () => {
      const [vector] = await embedder.embed([UNICODE]);
      expect(vector!.every(Number.isFinite)).toBe(true);
      expect(Math.abs(norm(vector!) - 1)).toBeLessThan(1e-4);
    });

    if (options.semantic) {
      it('puts related requests closer together than unrelated ones', async () => {
        const [sort, csv, cake] = await embedder.embed([PYTHON_SORT, PYTHON_CSV, CAKE]);
        expect(cosineSimilarity(sort!, csv!)).toBeGreaterThan(cosineSimilarity(sort!, cake!));
        expect(cosineSimilarity(sort!, csv!)).toBeGreaterThan(cosineSimilarity(csv!, cake!));
      });
    }

    it('closes: close() can be repeated and later embed calls reject with NotReadyError', async () => {
      const own = await createEmbedder();
      await own.embed([PYTHON_SORT]);
      await own.close();
      await own.close();
      await expect(own.embed([PYTHON_SORT])).rejects.toBeInstanceOf(NotReadyError);
    });
  });
}
