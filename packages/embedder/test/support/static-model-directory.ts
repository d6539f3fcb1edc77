import * as path from 'node:path';

/** The shared offline Model2Vec model, found from the repository root (…/main/packages/embedder/test/support). */
export const STATIC_MODEL_DIRECTORY = path.resolve(__dirname, '../../../../../shared/models/routewise-static-en-64');

/** sha256 of its ONNX files, from the model's README: the embedder id must carry the first 12 hex digits. */
export const STATIC_MODEL_SHA256 = {
  fp32: 'cf0b3673c8484fb353f2ee4cf20e2f473e734b8908033a8288f76e5f9aa9d2fd',
  int8: '5a269fd43c48fc12183b14b31af899977c2d1690899d06ca3723c30191e52e81',
} as const;
