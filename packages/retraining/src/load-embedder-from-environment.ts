import path from 'node:path';
import { loadEmbedder, type EmbedderDtype, type LoadedEmbedder } from '@routewise/embedder';

/** The embedding settings routers read (EMBEDDING_MODEL_DIR wins over EMBEDDING_MODEL). */
export interface EmbedderEnvironment {
  EMBEDDING_MODEL_DIR?: string | undefined;
  EMBEDDING_MODEL: string;
  EMBEDDING_DTYPE?: EmbedderDtype | undefined;
  ROUTEWISE_ALLOW_REMOTE_MODELS: boolean;
  ROUTEWISE_DATA_DIR: string;
}

/**
 * The embedder a router with the same environment loads, so retraining reads feature rows the routers wrote and
 * produces artifacts they accept (the embedder id must match). No batching or cache: retraining embeds in batches.
 */
export function loadEmbedderFromEnvironment(environment: EmbedderEnvironment): Promise<LoadedEmbedder> {
  return loadEmbedder({
    modelDirectory: environment.EMBEDDING_MODEL_DIR,
    modelId: environment.EMBEDDING_MODEL,
    cacheDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'models'),
    allowRemoteModels: environment.ROUTEWISE_ALLOW_REMOTE_MODELS,
    dtype: environment.EMBEDDING_DTYPE,
  });
}
