/** Postgres allows 65,535 bind parameters per statement; batches are inserted in chunks of this many rows. */
export const INSERT_CHUNK_ROWS = 500;

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
