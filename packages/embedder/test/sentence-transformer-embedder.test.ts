/**
 * @jest-environment ./packages/embedder/test/support/onnx-test-environment.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEmbedder, localDirectorySource, SentenceTransformerEmbedder } from '../src';
import type { Embedder } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { TINY_BERT_HIDDEN_SIZE, writeTinyBertModel } from './support/tiny-bert-onnx';
import { cosineSimilarity, norm } from './support/vector-assertions';

// Built once per file, offline: no sentence-transformer model can be downloaded on these machines.
let temporaryDirectory: string;
let modelDirectory: string;
let modelWithoutSpecialTokens: string;

beforeAll(async () => {
  temporaryDirectory = await mkdtemp(path.join(os.tmpdir(), 'routewise-tiny-bert-'));
  modelDirectory = path.join(temporaryDirectory, 'tiny-bert');
  modelWithoutSpecialTokens = path.join(temporaryDirectory, 'tiny-bert-plain');
  await Promise.all([
    writeTinyBertModel({ directory: modelDirectory }),
    writeTinyBertModel({ directory: modelWithoutSpecialTokens, specialTokens: false }),
  ]);
});

afterAll(async () => {
  await rm(temporaryDirectory, { recursive: true, force: true });
});

async function loadTinyBert(): Promise<Embedder> {
  const loaded = await loadEmbedder({ modelDirectory, allowRemoteModels: false });
  if (loaded.warning !== null) throw new Error(loaded.warning);
  return loaded.embedder;
}

runEmbedderContract('SentenceTransformerEmbedder (tiny BERT built at test time)', loadTinyBert, { semantic: false });

describe('SentenceTransformerEmbedder', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await loadTinyBert();
  });

  afterAll(async () => {
    await embedder.close();
  });

  it('is chosen by loadEmbedder for a config.json that is not model2vec, and sized from the model', () => {
    expect(embedder).toBeInstanceOf(SentenceTransformerEmbedder);
    expect(embedder).toMatchObject({ kind: 'sentence-transformer', dimension: TINY_BERT_HIDDEN_SIZE, maxTokens: 512 });
    expect(embedder.id).toMatch(/^local:tiny-bert@[0-9a-f]{12}$/);
  });

  it('mean-pools over the attention mask: padding added for a longer neighbour does not change a vector', async () => {
    const short = 'Sort a list in Python.';
    const long = `${'Explain, step by step and with examples, how merge sort divides and merges a list. '.repeat(8)}`;
    const [alone] = await embedder.embed([short]);
    const [padded, other] = await embedder.embed([short, long]);
    expect(cosineSimilarity(alone!, padded!)).toBeGreaterThanOrEqual(0.99999);
    expect(cosineSimilarity(alone!, other!)).toBeLessThan(0.99);
  });

  it('truncates to maxTokens, [CLS] included', async () => {
    const narrow = await SentenceTransformerEmbedder.load({ source: localDirectorySource(modelDirectory), maxTokens: 5 });
    try {
      expect(narrow.maxTokens).toBe(5);
      // [CLS] + four words fill the window; what follows is cut.
      const [first, second, differentEarly] = await narrow.embed([
        'one two three four five six',
        'one two three four seven eight',
        'one two nine four five six',
      ]);
      expect(cosineSimilarity(first!, second!)).toBeGreaterThanOrEqual(0.99999);
      expect(cosineSimilarity(first!, differentEarly!)).toBeLessThan(0.999);
    } finally {
      await narrow.close();
    }
  });

  it('never exceeds the model window, whatever maxTokens asks for', async () => {
    const wide = await SentenceTransformerEmbedder.load({ source: localDirectorySource(modelDirectory), maxTokens: 4096 });
    try {
      expect(wide.maxTokens).toBe(512);
    } finally {
      await wide.close();
    }
  });

  it('gives the zero vector, not NaNs, for a text without tokens when the tokenizer adds no special tokens', async () => {
    const plain = await SentenceTransformerEmbedder.load({ source: localDirectorySource(modelWithoutSpecialTokens) });
    try {
      const [empty, text] = await plain.embed(['', 'hello world']);
      expect(Array.from(empty!)).toEqual(new Array(TINY_BERT_HIDDEN_SIZE).fill(0));
      expect(Math.abs(norm(text!) - 1)).toBeLessThan(1e-4);
    } finally {
      await plain.close();
    }
  });
});
