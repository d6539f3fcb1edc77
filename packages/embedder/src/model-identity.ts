import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EMBEDDER_DTYPE, onnxFileFor } from './model-source';
import type { EmbedderDtype, ModelSource } from './model-source';

/**
 * The Embedder id for a model: `local:<folder>@<12 hex of sha256 of the ONNX file loaded>` for a folder, so two
 * folders with the same name but different weights never share a classifier; `<hub id>` or `<hub id>@<dtype>` for
 * a Hub model, whose files are immutable per id and dtype.
 */
export async function modelIdentity(source: ModelSource, dtype: EmbedderDtype): Promise<string> {
  if (source.kind === 'hugging-face-hub') {
    return dtype === DEFAULT_EMBEDDER_DTYPE ? source.modelId : `${source.modelId}@${dtype}`;
  }
  const digest = await sha256OfFile(path.join(source.directory, onnxFileFor(dtype)));
  return `local:${path.basename(source.directory)}@${digest.slice(0, 12)}`;
}

async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
