/** Euclidean length. */
export function norm(vector: Float32Array): number {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  return Math.sqrt(sumOfSquares);
}

/** Cosine of the angle between two vectors; 0 when either has no length. */
export function cosineSimilarity(left: Float32Array, right: Float32Array): number {
  if (left.length !== right.length) throw new Error(`Lengths differ: ${left.length} and ${right.length}.`);
  let dot = 0;
  for (let index = 0; index < left.length; index++) dot += (left[index] as number) * (right[index] as number);
  const lengths = norm(left) * norm(right);
  return lengths === 0 ? 0 : dot / lengths;
}
