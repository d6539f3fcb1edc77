import type { Embedder } from './embedder';
import { embedderClosedError } from './embedder-closed-error';
import { modelIdentity } from './model-identity';
import { DEFAULT_EMBEDDER_DTYPE } from './model-source';
import type { EmbedderDtype, ModelSource } from './model-source';
import { CHARACTERS_READ_PER_TOKEN, truncateCharacters, validMaxTokens } from './text-truncation';
import { withTransformersFor } from './transformers-runtime';
import type { TransformersLibrary, TransformersModel, TransformersTokenizer } from './transformers-runtime';
import { normalizeInPlace } from './vector-normalization';

export interface Model2VecEmbedderOptions {
  source: ModelSource;
  /** Default `fp32`. */
  dtype?: EmbedderDtype;
  /** Tokens read per text; default 512. A static model has no window, this only bounds the cost. */
  maxTokens?: number;
}

/**
 * A Model2Vec static model (e.g. routewise-static-en-64, minishlab/potion-base-8M): a text is the mean of its
 * tokens' rows. The ONNX graph takes every text's token ids flattened into one list plus the offset each text
 * starts at, so a whole batch is one session run with no padding.
 */
export class Model2VecEmbedder implements Embedder {
  readonly kind = 'model2vec';
  private closed = false;

  private constructor(
    readonly id: string,
    readonly dimension: number,
    readonly maxTokens: number,
    private readonly library: TransformersLibrary,
    private readonly tokenizer: TransformersTokenizer,
    private readonly model: TransformersModel,
  ) {}

  /** Loads the tokenizer and weights and runs one probe text, so a corrupt model fails here rather than later. */
  static async load(options: Model2VecEmbedderOptions): Promise<Model2VecEmbedder> {
    const dtype = options.dtype ?? DEFAULT_EMBEDDER_DTYPE;
    const maxTokens = validMaxTokens(options.maxTokens ?? 512);
    const id = await modelIdentity(options.source, dtype);
    const { library, tokenizer, model } = await withTransformersFor(options.source, async (library, modelName) => ({
      library,
      tokenizer: await library.AutoTokenizer.from_pretrained(modelName),
      // config.json says `model2vec`, which transformers.js has no class for; the override makes it build the
      // base model around the session. It warns "Unknown model class" for that, which is expected here.
      model: await withoutUnknownModelClassWarning(() =>
        library.AutoModel.from_pretrained(modelName, { config: { model_type: 'model2vec' }, dtype }),
      ),
    }));
    const probe = await meanOfBags(library, model, tokenize(tokenizer, ['dimension probe'], maxTokens));
    return new Model2VecEmbedder(id, probe.dimension, maxTokens, library, tokenizer, model);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) throw embedderClosedError(this.id);
    const results = texts.map(() => new Float32Array(this.dimension));
    const tokenIds = tokenize(this.tokenizer, texts, this.maxTokens);
    // Texts without tokens stay out of the run (an empty bag has no mean) and keep the zero vector.
    const embedded = tokenIds.flatMap((ids, textIndex) => (ids.length > 0 ? [textIndex] : []));
    if (embedded.length === 0) return results;
    const means = await meanOfBags(this.library, this.model, embedded.map((textIndex) => tokenIds[textIndex] as number[]));
    embedded.forEach((textIndex, row) => {
      const vector = results[textIndex] as Float32Array;
      vector.set(means.rows.subarray(row * this.dimension, (row + 1) * this.dimension));
      normalizeInPlace(vector);
    });
    return results;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.model.dispose();
  }
}

/** Each text's token ids, without special tokens, cut to `maxTokens`. */
function tokenize(tokenizer: TransformersTokenizer, texts: readonly string[], maxTokens: number): number[][] {
  if (texts.length === 0) return [];
  const readable = texts.map((text) => truncateCharacters(text, maxTokens * CHARACTERS_READ_PER_TOKEN));
  const { input_ids } = tokenizer(readable, { add_special_tokens: false, return_tensor: false });
  return input_ids.map((ids) => (ids.length > maxTokens ? ids.slice(0, maxTokens) : ids));
}

/** One session run for all bags (non-empty id lists): the ids flattened, plus the offset where each bag starts. */
async function meanOfBags(
  library: TransformersLibrary,
  model: TransformersModel,
  bags: readonly number[][],
): Promise<{ rows: Float32Array; dimension: number }> {
  const offsets = new BigInt64Array(bags.length);
  const flatIds = new BigInt64Array(bags.reduce((total, ids) => total + ids.length, 0));
  let position = 0;
  bags.forEach((ids, bag) => {
    offsets[bag] = BigInt(position);
    for (const id of ids) flatIds[position++] = BigInt(id);
  });
  const output = await model({
    input_ids: new library.Tensor('int64', flatIds, [flatIds.length]),
    offsets: new library.Tensor('int64', offsets, [offsets.length]),
  });
  const embeddings = output['embeddings'];
  if (embeddings === undefined || embeddings.dims.length !== 2) {
    throw new Error('The model has no 2-D "embeddings" output; is it a Model2Vec model?');
  }
  return { rows: Float32Array.from(embeddings.data), dimension: embeddings.dims[1] as number };
}

/** Runs `load` with transformers.js's expected "Unknown model class" warning filtered out; other warnings pass. */
async function withoutUnknownModelClassWarning<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...values: unknown[]) => {
    if (typeof values[0] === 'string' && values[0].startsWith('Unknown model class')) return;
    warn(...values);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}
