/**
 * @jest-environment ./packages/embedder/test/support/onnx-test-environment.ts
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BatchingEmbedder,
  CachingEmbedder,
  DEFAULT_EMBEDDING_MODEL_ID,
  HashedNgramEmbedder,
  loadEmbedder,
  Model2VecEmbedder,
  SentenceTransformerEmbedder,
} from '../src';
import type { LoadedEmbedder } from '../src';
import { runEmbedderContract } from './embedder-contract';
import { STATIC_MODEL_DIRECTORY, STATIC_MODEL_SHA256 } from './support/static-model-directory';
import { writeCorruptModel2VecModel, writeTinyBertModel } from './support/tiny-bert-onnx';

let temporaryDirectory: string;
/** A transformers.js cache holding two "downloaded" Hub models, filled from local files: no network here. */
let cacheDirectory: string;
let fetchSpy: jest.SpyInstance;
/** Set by the one test that lets transformers.js try the network (the spy still refuses). */
let networkAttemptExpected = false;

beforeAll(async () => {
  temporaryDirectory = await mkdtemp(path.join(os.tmpdir(), 'routewise-load-embedder-'));
  cacheDirectory = path.join(temporaryDirectory, 'cache');
  const cachedStaticModel = path.join(cacheDirectory, 'routewise-test', 'static-en-64');
  await mkdir(path.join(cachedStaticModel, 'onnx'), { recursive: true });
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_int8.onnx']) {
    await copyFile(path.join(STATIC_MODEL_DIRECTORY, file), path.join(cachedStaticModel, file));
  }
  await writeTinyBertModel({ directory: path.join(cacheDirectory, 'routewise-test', 'tiny-bert') });
});

beforeEach(() => {
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('tests never use the network'));
});

afterEach(() => {
  if (!networkAttemptExpected) expect(fetchSpy).not.toHaveBeenCalled();
  networkAttemptExpected = false;
  fetchSpy.mockRestore();
});

afterAll(async () => {
  await rm(temporaryDirectory, { recursive: true, force: true });
});

/** Runs `check` on a loaded embedder and closes it. */
async function withLoaded(loading: Promise<LoadedEmbedder>, check: (loaded: LoadedEmbedder) => void | Promise<void>): Promise<void> {
  const loaded = await loading;
  try {
    await check(loaded);
  } finally {
    await loaded.embedder.close();
  }
}

runEmbedderContract(
  'CachingEmbedder(BatchingEmbedder(local Model2Vec via loadEmbedder)), the router stack',
  async () => {
    const { embedder } = await loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: false, dtype: 'int8' });
    return new CachingEmbedder(new BatchingEmbedder(embedder));
  },
  { semantic: true },
);

describe('loadEmbedder', () => {
  it('loads a local Model2Vec folder as a Model2VecEmbedder identified by the ONNX file hash', async () => {
    await withLoaded(loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: false }), (loaded) => {
      expect(loaded).toMatchObject({ fallback: false, warning: null });
      expect(loaded.embedder).toBeInstanceOf(Model2VecEmbedder);
      expect(loaded.embedder.id).toBe(`local:routewise-static-en-64@${STATIC_MODEL_SHA256.fp32.slice(0, 12)}`);
    });
    await withLoaded(loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: true, dtype: 'int8', maxTokens: 128 }), (loaded) => {
      expect(loaded.embedder.id).toBe(`local:routewise-static-en-64@${STATIC_MODEL_SHA256.int8.slice(0, 12)}`);
      expect(loaded.embedder.maxTokens).toBe(128);
    });
  });

  it('falls back to hashed n-grams with a warning naming the folder and EMBEDDING_MODEL_DIR when the folder is missing', async () => {
    const missing = path.join(temporaryDirectory, 'no-such-model');
    await withLoaded(loadEmbedder({ modelDirectory: missing, allowRemoteModels: true, hashedDimension: 256 }), (loaded) => {
      expect(loaded.fallback).toBe(true);
      expect(loaded.embedder).toBeInstanceOf(HashedNgramEmbedder);
      expect(loaded.embedder.id).toBe('hashed-ngram-v1:256');
      expect(loaded.warning).toContain(missing);
      expect(loaded.warning).toContain('EMBEDDING_MODEL_DIR');
      expect(loaded.warning).toContain('hashed-ngram-v1:256');
    });
  });

  it('falls back when the folder holds a corrupt ONNX file', async () => {
    const corrupt = path.join(temporaryDirectory, 'corrupt-model');
    await writeCorruptModel2VecModel(corrupt);
    await withLoaded(loadEmbedder({ modelDirectory: corrupt, allowRemoteModels: false }), (loaded) => {
      expect(loaded).toMatchObject({ fallback: true });
      expect(loaded.embedder.kind).toBe('hashed-ngram');
      expect(loaded.warning).toContain(corrupt);
    });
  });

  it('falls back when the dtype asked for has no ONNX file in the folder', async () => {
    await withLoaded(loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: false, dtype: 'q4' }), (loaded) => {
      expect(loaded.fallback).toBe(true);
      expect(loaded.warning).toContain('onnx/model_q4.onnx');
    });
  });

  it('does not download when remote models are off and the Hub model is not cached: it falls back and says what to set', async () => {
    const emptyCache = path.join(temporaryDirectory, 'empty-cache');
    await withLoaded(loadEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', cacheDirectory: emptyCache, allowRemoteModels: false }), (loaded) => {
      expect(loaded).toMatchObject({ fallback: true });
      expect(loaded.embedder.id).toBe('hashed-ngram-v1:512');
      expect(loaded.warning).toContain('Xenova/all-MiniLM-L6-v2');
      expect(loaded.warning).toContain(emptyCache);
      expect(loaded.warning).toContain('EMBEDDING_MODEL');
      expect(loaded.warning).toContain('ROUTEWISE_ALLOW_REMOTE_MODELS');
    });
  });

  it('falls back when remote models are on but the download fails (the network guard sees the attempt)', async () => {
    networkAttemptExpected = true;
    const emptyCache = path.join(temporaryDirectory, 'empty-cache');
    await withLoaded(loadEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', cacheDirectory: emptyCache, allowRemoteModels: true }), (loaded) => {
      expect(fetchSpy).toHaveBeenCalled();
      expect(loaded).toMatchObject({ fallback: true });
      expect(loaded.warning).toContain('tests never use the network');
      expect(loaded.warning).toContain('Check network access');
    });
  });

  it('uses the default Hub model when neither a folder nor an id is given', async () => {
    const emptyCache = path.join(temporaryDirectory, 'empty-cache');
    await withLoaded(loadEmbedder({ cacheDirectory: emptyCache, allowRemoteModels: false }), (loaded) => {
      expect(loaded.warning).toContain(DEFAULT_EMBEDDING_MODEL_ID);
    });
  });

  it('loads a cached Hub model offline, choosing the runner from its model_type and naming it by id and dtype', async () => {
    await withLoaded(loadEmbedder({ modelId: 'routewise-test/static-en-64', cacheDirectory, allowRemoteModels: false }), (loaded) => {
      expect(loaded).toMatchObject({ fallback: false, warning: null });
      expect(loaded.embedder).toBeInstanceOf(Model2VecEmbedder);
      expect(loaded.embedder.id).toBe('routewise-test/static-en-64');
    });
    await withLoaded(loadEmbedder({ modelId: 'routewise-test/static-en-64', cacheDirectory, allowRemoteModels: false, dtype: 'int8' }), (loaded) => {
      expect(loaded.embedder.id).toBe('routewise-test/static-en-64@int8');
    });
    await withLoaded(loadEmbedder({ modelId: 'routewise-test/tiny-bert', cacheDirectory, allowRemoteModels: false }), (loaded) => {
      expect(loaded.embedder).toBeInstanceOf(SentenceTransformerEmbedder);
      expect(loaded.embedder.id).toBe('routewise-test/tiny-bert');
    });
  });

  it('keeps concurrent loads with different settings apart (transformers.js settings are global)', async () => {
    const results = await Promise.all([
      loadEmbedder({ modelId: 'routewise-test/static-en-64', cacheDirectory, allowRemoteModels: false }),
      loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: false }),
      loadEmbedder({ modelId: 'routewise-test/static-en-64', cacheDirectory: path.join(temporaryDirectory, 'empty-cache'), allowRemoteModels: false }),
      loadEmbedder({ modelId: 'routewise-test/tiny-bert', cacheDirectory, allowRemoteModels: false }),
    ]);
    try {
      expect(results.map((loaded) => loaded.embedder.kind)).toEqual(['model2vec', 'model2vec', 'hashed-ngram', 'sentence-transformer']);
    } finally {
      await Promise.all(results.map((loaded) => loaded.embedder.close()));
    }
  });

  it('throws for an invalid maxTokens instead of hiding it behind the fallback', async () => {
    await expect(loadEmbedder({ modelDirectory: STATIC_MODEL_DIRECTORY, allowRemoteModels: false, maxTokens: 0 })).rejects.toThrow(RangeError);
  });
});
