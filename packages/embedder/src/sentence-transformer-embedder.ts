import type { Embedder } from './embedder';
import { embedderClosedError } from './embedder-closed-error';
import { modelIdentity } from './model-identity';
import { DEFAULT_EMBEDDER_DTYPE } from './model-source';
import type { EmbedderDtype, ModelSource } from './model-source';
import { CHARACTERS_READ_PER_TOKEN, truncateCharacters, validMaxTokens } from './text-truncation';
import { withTransformersFor } from './transformers-runtime';
import type { FeatureExtractionPipeline } from './transformers-runtime';
import { normalizeInPlace } from './vector-normalization';

/** Tokens embedded unless the caller asks otherwise (and the model allows it). */
const DEFAULT_MAX_TOKENS = 512;

export interface SentenceTransformerEmbedderOptions {
  source: ModelSource;
  /** Default `fp32`. */
  dtype?: EmbedderDtype;
  /** Default 512. Clamped to the model's window: min(tokenizer model_max_length, config max_position_embeddings). */
  maxTokens?: number;
}

/**
 * A transformer encoder (e.g. Xenova/all-MiniLM-L6-v2) through transformers.js' feature-extraction pipeline:
 * the batch is padded to its longest text, truncated to `maxTokens`, and token states are mean-pooled over the
 * attention mask, so padding never changes a text's vector.
 */
export class SentenceTransformerEmbedder implements Embedder {
  readonly kind = 'sentence-transformer';
  private closed = false;

  private constructor(
    readonly id: string,
    readonly dimension: number,
    readonly maxTokens: number,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  /** Loads the pipeline and runs one probe text, so a corrupt model fails here rather than on the first request. */
  static async load(options: SentenceTransformerEmbedderOptions): Promise<SentenceTransformerEmbedder> {
    const dtype = options.dtype ?? DEFAULT_EMBEDDER_DTYPE;
    const id = await modelIdentity(options.source, dtype);
    const extractor = await withTransformersFor(options.source, (library, modelName) =>
      library.pipeline('feature-extraction', modelName, { dtype }),
    );
    const maxTokens = Math.min(validMaxTokens(options.maxTokens ?? DEFAULT_MAX_TOKENS), modelWindow(extractor));
    // The pipeline always truncates to the tokenizer's model_max_length; setting it is how the window is chosen.
    extractor.tokenizer.model_max_length = maxTokens;
    const [probe] = await meanPooled(extractor, ['dimension probe'], maxTokens);
    return new SentenceTransformerEmbedder(id, probe?.length ?? 0, maxTokens, extractor);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) throw embedderClosedError(this.id);
    return meanPooled(this.extractor, texts, this.maxTokens);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.extractor.dispose();
  }
}

/** The most tokens the model can take; Infinity when neither its tokenizer nor its config states a limit. */
function modelWindow(extractor: FeatureExtractionPipeline): number {
  const limits = [extractor.tokenizer.model_max_length, extractor.model.config.max_position_embeddings];
  return Math.min(...limits.filter((limit): limit is number => typeof limit === 'number' && limit > 0));
}

/** One unit vector per text: token states averaged over the attention mask, then normalized. */
async function meanPooled(extractor: FeatureExtractionPipeline, texts: readonly string[], maxTokens: number): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const readable = texts.map((text) => truncateCharacters(text, maxTokens * CHARACTERS_READ_PER_TOKEN));
  const pooled = await extractor(readable, { pooling: 'mean', normalize: true });
  const dimension = pooled.dims[1] ?? 0;
  return texts.map((_, row) => {
    const vector = new Float32Array(dimension);
    for (let index = 0; index < dimension; index++) vector[index] = pooled.data[row * dimension + index] as number;
    // Already unit length; this turns the NaNs of a text with no tokens at all into the zero vector.
    return normalizeInPlace(vector);
  });
}
