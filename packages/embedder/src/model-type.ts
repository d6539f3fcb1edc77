import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ModelSource } from './model-source';
import { withTransformersFor } from './transformers-runtime';

/**
 * The `model_type` in a model's config.json (`model2vec`, `bert`, …), which decides how it is run. A folder's file
 * is read directly; a Hub model's goes through transformers.js so the cache and the remote setting apply.
 */
export async function readModelType(source: ModelSource): Promise<string> {
  const config =
    source.kind === 'local-directory'
      ? ((JSON.parse(await readFile(path.join(source.directory, 'config.json'), 'utf8')) ?? {}) as { model_type?: unknown })
      : await withTransformersFor(source, (library, modelName) => library.AutoConfig.from_pretrained(modelName));
  if (typeof config.model_type !== 'string' || config.model_type === '') {
    throw new Error('config.json has no "model_type"');
  }
  return config.model_type;
}
