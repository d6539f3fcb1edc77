import path from 'node:path';
import { BatchingEmbedder, CachingEmbedder, loadEmbedder, type Embedder } from '@routewise/embedder';
import type { RouterEnvironment } from '@routewise/config';
import type { Logger } from '@routewise/telemetry';

export interface LoadedEmbedder {
  embedder: Embedder;
  fallback: boolean;
  warning: string | null;
}

/**
 * The embedder the pipeline uses: the configured model (a local folder wins over a model id), batched for
 * concurrent requests and cached for repeated prompts. Offline with no model it falls back to hashed n-grams and
 * says so loudly.
 */
export async function loadEmbedderStack(environment: RouterEnvironment, logger: Logger): Promise<LoadedEmbedder> {
  const loaded = await loadEmbedder({
    modelDirectory: environment.EMBEDDING_MODEL_DIR,
    modelId: environment.EMBEDDING_MODEL,
    cacheDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'models'),
    allowRemoteModels: environment.ROUTEWISE_ALLOW_REMOTE_MODELS,
    dtype: environment.EMBEDDING_DTYPE,
  });
  if (loaded.warning) logger.warn(`EMBEDDER FALLBACK: ${loaded.warning}`);
  const embedder = new CachingEmbedder(new BatchingEmbedder(loaded.embedder));
  logger.info({ embedder: embedder.id, dimension: embedder.dimension, kind: embedder.kind }, 'embedder loaded');
  return { embedder, fallback: loaded.fallback, warning: loaded.warning };
}
