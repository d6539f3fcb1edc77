/**
 * @jest-environment ./packages/embedder/test/support/onnx-test-environment.ts
 */
import { localDirectorySource, Model2VecEmbedder } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { STATIC_MODEL_DIRECTORY, STATIC_MODEL_SHA256 } from './support/static-model-directory';
import { cosineSimilarity, norm } from './support/vector-assertions';

const source = localDirectorySource(STATIC_MODEL_DIRECTORY);

runEmbedderContract('Model2VecEmbedder (fp32)', () => Model2VecEmbedder.load({ source, dtype: 'fp32' }), { semantic: true });
runEmbedderContract('Model2VecEmbedder (int8)', () => Model2VecEmbedder.load({ source, dtype: 'int8' }), { semantic: true });

describe('Model2VecEmbedder', () => {
  let fp32: Model2VecEmbedder;
  let int8: Model2VecEmbedder;

  beforeAll(async () => {
    [fp32, int8] = await Promise.all([
      Model2VecEmbedder.load({ source, dtype: 'fp32' }),
      Model2VecEmbedder.load({ source, dtype: 'int8' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([fp32.close(), int8.close()]);
  });

  it('is identified by folder name and the hash of the ONNX file it loaded', () => {
    expect(fp32.id).toBe(`local:routewise-static-en-64@${STATIC_MODEL_SHA256.fp32.slice(0, 12)}`);
    expect(int8.id).toBe(`local:routewise-static-en-64@${STATIC_MODEL_SHA256.int8.slice(0, 12)}`);
    expect(fp32).toMatchObject({ kind: 'model2vec', dimension: 64, maxTokens: 512 });
  });

  it('gives the same vectors with fp32 and int8 weights', async () => {
    const texts = [
      'Summarize this article about the history of the printing press.',
      'Translate "good morning" into French and Spanish.',
      'fn main() { println!("hello"); }',
      'Prove that the square root of two is irrational.',
    ];
    const [full, quantized] = await Promise.all([fp32.embed(texts), int8.embed(texts)]);
    texts.forEach((_, index) => expect(cosineSimilarity(full[index]!, quantized[index]!)).toBeGreaterThanOrEqual(0.9999));
  });

  it('embeds texts with no tokens as the zero vector, and the rest of the batch normally', async () => {
    const [empty, blank, text] = await fp32.embed(['', ' \n ', 'hello world']);
    expect(Array.from(empty!)).toEqual(new Array(64).fill(0));
    expect(Array.from(blank!)).toEqual(new Array(64).fill(0));
    expect(Math.abs(norm(text!) - 1)).toBeLessThan(1e-4);
    const [alone] = await fp32.embed(['hello world']);
    expect(cosineSimilarity(alone!, text!)).toBeGreaterThanOrEqual(0.9999);
  });

  it('reads at most maxTokens tokens of each text', async () => {
    const short = await Model2VecEmbedder.load({ source, maxTokens: 4 });
    try {
      const [first, second, differentEarly] = await short.embed([
        'one two three four five six',
        'one two three four seven eight',
        'one two nine four five six',
      ]);
      expect(short.maxTokens).toBe(4);
      expect(cosineSimilarity(first!, second!)).toBeGreaterThanOrEqual(0.9999);
      expect(cosineSimilarity(first!, differentEarly!)).toBeLessThan(0.999);
    } finally {
      await short.close();
    }
  });

  it('fails to load a folder that does not exist', async () => {
    await expect(Model2VecEmbedder.load({ source: localDirectorySource('/nonexistent/model') })).rejects.toThrow(/ENOENT/);
  });
});
