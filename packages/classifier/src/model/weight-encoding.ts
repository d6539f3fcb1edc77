/** Model weights as base64 of little-endian 32-bit floats: a quarter of the size of JSON numbers, exact enough. */
export function encodeWeights(weights: ArrayLike<number>): string {
  const floats = Float32Array.from(weights as ArrayLike<number>);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

export function decodeWeights(encoded: string, expectedLength: number): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== expectedLength * 4) throw new RangeError(`model weights hold ${bytes.length / 4} values; the layout needs ${expectedLength}`);
  const weights = new Float32Array(expectedLength);
  for (let index = 0; index < expectedLength; index++) weights[index] = bytes.readFloatLE(index * 4);
  return weights;
}
