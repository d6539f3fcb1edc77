import type { Embedder } from './embedder';
import { HashedNgramEmbedder } from './hashed-ngram-embedder';
import { Model2VecEmbedder } from './model2vec-embedder';
import { describeModelSource, localDirectorySource } from './model-source';
import type { EmbedderDtype, ModelSource } from './model-source';
import { readModelType } from './model-type';
import { SentenceTransformerEmbedder } from './sentence-transformer-embedder';
import { validMaxTokens } from './text-truncation';

/** The deployment default: small (23 MB at q8), 384 dimensions, a 512-token window. */
export const DEFAULT_EMBEDDING_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

export interface LoadEmbedderOptions {
  /** A model folder (config.json, tokenizer files, onnx/model*.onnx), e.g. from EMBEDDING_MODEL_DIR; wins over `modelId`. */
  modelDirectory?: string | undefined;
  /** A Hugging Face model id, e.g. from EMBEDDING_MODEL; default DEFAULT_EMBEDDING_MODEL_ID. */
  modelId?: string | undefined;
  /** Where Hub downloads are kept; transformers.js' default when undefined. */
  cacheDirectory?: string | undefined;
  /** Whether a Hub model may be downloaded; when false only what is already in the cache is used. */
  allowRemoteModels: boolean;
  /** Which ONNX weights to load; default `fp32`. */
  dtype?: EmbedderDtype | undefined;
  maxTokens?: number | undefined;
  /** Buckets of the hashed n-gram fallback; default 512. */
  hashedDimension?: number | undefined;
}

export interface LoadedEmbedder {
  embedder: Embedder;
  /** True when no model could be loaded and the built-in hashed n-gram featurizer stands in. */
  fallback: boolean;
  /** What failed and what to set, for the startup log; null when the model loaded. */
  warning: string | null;
}

/**
 * Loads the configured embedding model, picking the runner from config.json's `model_type` (`model2vec` → static
 * model, anything else → sentence-transformer pipeline). A model that cannot be loaded (offline and not cached,
 * missing folder, corrupt files) does not stop the router: the hashed n-gram featurizer is returned with a warning.
 * Throws only for invalid options (a non-positive `maxTokens` or `hashedDimension`).
 */
export async function loadEmbedder(options: LoadEmbedderOptions): Promise<LoadedEmbedder> {
  if (options.maxTokens !== undefined) validMaxTokens(options.maxTokens);
  const fallbackEmbedder = new HashedNgramEmbedder({ dimension: options.hashedDimension });
  const source = sourceFor(options);
  try {
    const modelType = await readModelType(source);
    const modelOptions = { source, dtype: options.dtype, maxTokens: options.maxTokens };
    const embedder =
      modelType === 'model2vec'
        ? await Model2VecEmbedder.load(modelOptions)
        : await SentenceTransformerEmbedder.load(modelOptions);
    return { embedder, fallback: false, warning: null };
  } catch (error) {
    return { embedder: fallbackEmbedder, fallback: true, warning: fallbackWarning(source, error, fallbackEmbedder.id) };
  }
}

function sourceFor(options: LoadEmbedderOptions): ModelSource {
  if (options.modelDirectory) return localDirectorySource(options.modelDirectory);
  return {
    kind: 'hugging-face-hub',
    modelId: options.modelId || DEFAULT_EMBEDDING_MODEL_ID,
    cacheDirectory: options.cacheDirectory,
    allowRemoteModels: options.allowRemoteModels,
  };
}

function fallbackWarning(source: ModelSource, error: unknown, fallbackId: string): string {
  // Not `instanceof Error`: fs and onnxruntime errors can come from another realm (e.g. under jest).
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : error;
  const reason = String(message).replace(/\.$/, '');
  const remedy =
    source.kind === 'local-directory'
      ? 'Set EMBEDDING_MODEL_DIR to a folder holding config.json, tokenizer.json, tokenizer_config.json and ' +
        'onnx/model.onnx (a Model2Vec or sentence-transformers ONNX export), or unset it to use EMBEDDING_MODEL.'
      : source.allowRemoteModels
        ? `Check network access to huggingface.co and that EMBEDDING_MODEL (${source.modelId}) is a feature-extraction ` +
          'model with ONNX weights, or set EMBEDDING_MODEL_DIR to a local model folder.'
        : `Remote model downloads are disabled and ${source.modelId} is not in the model cache ` +
          `(${source.cacheDirectory ?? "transformers.js' default cache directory"}): allow downloads once ` +
          '(ROUTEWISE_ALLOW_REMOTE_MODELS=true) to fill the cache, set EMBEDDING_MODEL to a cached model, or set ' +
          'EMBEDDING_MODEL_DIR to a local model folder.';
  return (
    `Embedding model unavailable (${describeModelSource(source)}: ${reason}). ` +
    `Using the built-in ${fallbackId} featurizer, which is lexical only. ${remedy}`
  );
}
