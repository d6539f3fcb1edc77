import * as path from 'node:path';

/** ONNX weight variants transformers.js knows; each is a file `onnx/model<suffix>.onnx` in the model folder. */
export type EmbedderDtype = 'fp32' | 'fp16' | 'int8' | 'uint8' | 'q8' | 'q4' | 'q4f16' | 'bnb4';

/** Always passed explicitly so the file loaded (and hashed for the id) never depends on transformers.js defaults. */
export const DEFAULT_EMBEDDER_DTYPE: EmbedderDtype = 'fp32';

/** Same table as transformers.js' DEFAULT_DTYPE_SUFFIX_MAPPING, which the package does not export. */
const ONNX_FILE_SUFFIX: Readonly<Record<EmbedderDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  int8: '_int8',
  uint8: '_uint8',
  q8: '_quantized',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** Where a model comes from: a folder on disk, or a Hugging Face Hub id (downloaded into a cache directory). */
export type ModelSource =
  | { readonly kind: 'local-directory'; readonly directory: string }
  | {
      readonly kind: 'hugging-face-hub';
      readonly modelId: string;
      /** Where downloads are kept; transformers.js' own default when undefined. */
      readonly cacheDirectory?: string | undefined;
      readonly allowRemoteModels: boolean;
    };

export function localDirectorySource(directory: string): ModelSource {
  return { kind: 'local-directory', directory: path.resolve(directory) };
}

/** Path of the ONNX file transformers.js loads for `dtype`, relative to the model folder. */
export function onnxFileFor(dtype: EmbedderDtype): string {
  return `onnx/model${ONNX_FILE_SUFFIX[dtype]}.onnx`;
}

/** Human-readable name for warnings and errors. */
export function describeModelSource(source: ModelSource): string {
  return source.kind === 'local-directory' ? `folder ${source.directory}` : `Hugging Face model ${source.modelId}`;
}
