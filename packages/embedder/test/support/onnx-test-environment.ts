import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's node environment, with the typed-array constructors of the outer realm. Each test file runs in its own
 * vm context with its own `Float32Array`; onnxruntime-node creates output tensors in the outer realm and
 * onnxruntime-common then rejects them (`A float32 tensor's data must be type of function Float32Array()`,
 * transformers.js issue #57). Jest already shares `ArrayBuffer` and `Uint8Array` for the same reason.
 *
 * Test files that run ONNX models opt in with the docblock
 * `@jest-environment ./packages/embedder/test/support/onnx-test-environment.ts` (resolved from the repo root).
 */
export default class OnnxTestEnvironment extends TestEnvironment {
  constructor(...parameters: ConstructorParameters<typeof TestEnvironment>) {
    super(...parameters);
    const sharedConstructors = {
      Int8Array,
      Uint8ClampedArray,
      Int16Array,
      Uint16Array,
      Int32Array,
      Uint32Array,
      Float32Array,
      Float64Array,
      BigInt64Array,
      BigUint64Array,
    };
    Object.assign(this.global, sharedConstructors);
  }
}
