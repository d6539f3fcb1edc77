import type { Standardization } from './feature-vector';
import { SparseFeatureMatrix } from './sparse-feature-matrix';

/** A raw feature row as the classifier computes it, or as a database returns it. */
export type RawFeatureRow = Float64Array | readonly number[];

/**
 * The same rows `modelRow` builds (standardized, with the constant bias column last), stored sparsely. Row `i` is
 * repeated `copies[i]` times (default once); the copies share storage.
 */
export function sparseModelMatrix(rawRows: readonly RawFeatureRow[], standardization: Standardization, copies?: readonly number[]): SparseFeatureMatrix {
  const width = standardization.mean.length;
  let capacity = Math.max(16, rawRows.length * 64);
  let columns = new Int32Array(capacity);
  let values = new Float64Array(capacity);
  let used = 0;
  const rowStarts = new Int32Array(rawRows.length);
  const rowEnds = new Int32Array(rawRows.length);
  rawRows.forEach((raw, row) => {
    if (raw.length !== width) throw new RangeError(`feature row ${row} has ${raw.length} values; the layout has ${width}`);
    if (used + width + 1 > capacity) {
      capacity = Math.max(capacity * 2, used + width + 1);
      columns = grow(columns, new Int32Array(capacity));
      values = grow(values, new Float64Array(capacity));
    }
    rowStarts[row] = used;
    for (let column = 0; column < width; column++) {
      const value = (raw[column]! - standardization.mean[column]!) / standardization.scale[column]!;
      if (value !== 0) {
        columns[used] = column;
        values[used++] = value;
      }
    }
    columns[used] = width;
    values[used++] = 1;
    rowEnds[row] = used;
  });

  const total = copies ? copies.reduce((sum, count) => sum + count, 0) : rawRows.length;
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  let next = 0;
  rawRows.forEach((_, row) => {
    for (let copy = 0; copy < (copies ? copies[row]! : 1); copy++) {
      starts[next] = rowStarts[row]!;
      ends[next++] = rowEnds[row]!;
    }
  });
  return new SparseFeatureMatrix({ starts, ends, columns: columns.subarray(0, used), values: values.subarray(0, used) }, total, width + 1);
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
