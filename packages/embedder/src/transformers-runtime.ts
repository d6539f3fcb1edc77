import * as path from 'node:path';
import type { EmbedderDtype, ModelSource } from './model-source';

/*
 * The one place that touches @huggingface/transformers. Its generated .d.ts files describe an ES module, which
 * this CommonJS package cannot import under `module: Node16`, so the few calls used here are typed structurally
 * (kysely types its database drivers the same way) and the module is `require`d lazily: the hashed fallback never
 * pays for loading onnxruntime.
 */

export interface TransformersTensor {
  readonly dims: readonly number[];
  readonly data: ArrayLike<number>;
}

export interface TransformersTokenizer {
  (texts: string[], options: { add_special_tokens: false; return_tensor: false }): { input_ids: number[][] };
  /** Window the tokenizer truncates to when asked (`truncation: true`); writable. */
  model_max_length: number;
}

export interface TransformersModel {
  (inputs: Record<string, TransformersTensor>): Promise<Record<string, TransformersTensor | undefined>>;
  dispose(): Promise<unknown>;
}

/** `pipeline('feature-extraction', …)`: tokenizes with padding and truncation, runs the model, pools. */
export interface FeatureExtractionPipeline {
  (texts: string[], options: { pooling: 'mean'; normalize: true }): Promise<TransformersTensor>;
  readonly tokenizer: TransformersTokenizer;
  readonly model: { readonly config: { readonly max_position_embeddings?: unknown } };
  dispose(): Promise<unknown>;
}

export interface TransformersLibrary {
  readonly Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => TransformersTensor;
  readonly AutoTokenizer: { from_pretrained(model: string): Promise<TransformersTokenizer> };
  readonly AutoModel: {
    from_pretrained(model: string, options: { config: { model_type: string }; dtype: EmbedderDtype }): Promise<TransformersModel>;
  };
  readonly AutoConfig: { from_pretrained(model: string): Promise<{ readonly model_type?: unknown }> };
  pipeline(task: 'feature-extraction', model: string, options: { dtype: EmbedderDtype }): Promise<FeatureExtractionPipeline>;
}

interface TransformersModule extends TransformersLibrary {
  readonly env: {
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    localModelPath: string;
    cacheDir: string | null;
    useFSCache: boolean;
  };
}

let transformersModule: TransformersModule | undefined;
let defaultCacheDirectory: string | null = null;

function requireTransformers(): TransformersModule {
  if (transformersModule === undefined) {
    // The package ships dist/transformers.node.cjs under its "require" export condition.
    transformersModule = require('@huggingface/transformers') as TransformersModule;
    defaultCacheDirectory = transformersModule.env.cacheDir;
  }
  return transformersModule;
}

/** transformers.js' `env` is global and read during loads, so loads run one at a time, each setting all of it. */
let environmentLock: Promise<unknown> = Promise.resolve();

/**
 * Runs `load` with transformers.js configured for `source`, and hands it the model name to pass to
 * `from_pretrained`/`pipeline`. Nothing is downloaded unless the source is a Hub id with `allowRemoteModels`.
 */
export function withTransformersFor<T>(
  source: ModelSource,
  load: (library: TransformersLibrary, modelName: string) => Promise<T>,
): Promise<T> {
  const run = environmentLock.then(() => {
    const library = requireTransformers();
    configureEnvironment(library, source);
    return load(library, source.kind === 'local-directory' ? path.resolve(source.directory) : source.modelId);
  });
  environmentLock = run.catch(() => undefined);
  return run;
}

function configureEnvironment(library: TransformersModule, source: ModelSource): void {
  const { env } = library;
  if (source.kind === 'local-directory') {
    // An absolute path is not a valid Hub id, so transformers.js reads `<path>/<file>` directly (localModelPath
    // and cacheDir are then unused, but reset so no earlier load's values linger). No cache, as it is consulted
    // first and could shadow the folder, and no remote: a missing file must fail, not be fetched.
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.useFSCache = false;
    env.localModelPath = path.dirname(path.resolve(source.directory));
    env.cacheDir = defaultCacheDirectory;
    return;
  }
  env.cacheDir = source.cacheDirectory ?? defaultCacheDirectory;
  env.useFSCache = true;
  env.allowRemoteModels = source.allowRemoteModels;
  // Offline, transformers.js refuses to even look in the cache unless local models are allowed; pointing the
  // local path at the cache makes that lookup resolve to the same files instead of a stray `/models/` folder.
  env.allowLocalModels = !source.allowRemoteModels;
  env.localModelPath = env.cacheDir ?? '';
}
