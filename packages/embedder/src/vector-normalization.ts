/**
 * Scales `vector` to unit L2 length in place and returns it. A vector with no length (or any non-finite value,
 * e.g. a mean over zero tokens) becomes all zeros: the documented "no direction" vector of the Embedder contract.
 */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sumOfSquares = 0;
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index] as number;
    sumOfSquares += value * value;
  }
  if (!(sumOfSquares > 0) || !Number.isFinite(sumOfSquares)) return vector.fill(0);
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) * scale;
  return vector;
}
