import { Matrix } from 'ml-matrix';

/**
 * Compressed rows: row `i` holds the (column, value) pairs from `starts[i]` to `ends[i]` of `columns`/`values`.
 * Several rows may point at the same pairs, which is how a replicated (weighted) row costs no extra memory.
 */
export interface SparseRows {
  starts: Int32Array;
  ends: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/**
 * A read-only feature matrix for ml-logistic-regression that stores only the nonzero entries. Standardized rows are
 * mostly zeros (the hashed bag of words is sparse and is scaled, not centered), and the package touches its
 * features in just two ways per gradient step: `features.mmul(weightsᵀ)` and `features.transpose().mmul(errors)`.
 * Both are answered here by sums over the nonzero entries, in the same order as ml-matrix's dense loops (skipped
 * terms are exact zeros), so the fitted weights are the ones the dense matrix gives for finite inputs; the transpose
 * is built once (the package never modifies its features) instead of on every step of every class.
 */
export class SparseFeatureMatrix extends Matrix {
  private transposed: SparseTransposedMatrix | null = null;

  constructor(readonly sparse: SparseRows, rowCount: number, columnCount: number) {
    super(0, 0);
    // ml-matrix declares these readonly; this matrix keeps no dense storage, so they are set here.
    Object.assign(this, { rows: rowCount, columns: columnCount });
  }

  override get(rowIndex: number, columnIndex: number): number {
    const { starts, ends, columns, values } = this.sparse;
    for (let index = starts[rowIndex]!; index < ends[rowIndex]!; index++) if (columns[index] === columnIndex) return values[index]!;
    return 0;
  }

  override set(): this {
    throw new Error('SparseFeatureMatrix is read-only');
  }

  /** this · other, for a dense `other` (the package passes the weight row transposed: a column). */
  override mmul(other: Matrix): Matrix {
    const right = Matrix.checkMatrix(other);
    if (right.rows !== this.columns) throw new RangeError(`cannot multiply ${this.rows}×${this.columns} by ${right.rows}×${right.columns}`);
    const { starts, ends, columns, values } = this.sparse;
    const result = new Matrix(this.rows, right.columns);
    const column = new Float64Array(this.columns);
    for (let j = 0; j < right.columns; j++) {
      for (let k = 0; k < this.columns; k++) column[k] = right.get(k, j);
      for (let i = 0; i < this.rows; i++) {
        let sum = 0;
        for (let index = starts[i]!; index < ends[i]!; index++) sum += values[index]! * column[columns[index]!]!;
        result.set(i, j, sum);
      }
    }
    return result;
  }

  override transpose(): Matrix {
    this.transposed ??= new SparseTransposedMatrix(this);
    return this.transposed;
  }
}

/** The transpose of a SparseFeatureMatrix, computed lazily from the same storage. */
class SparseTransposedMatrix extends Matrix {
  constructor(private readonly original: SparseFeatureMatrix) {
    super(0, 0);
    Object.assign(this, { rows: original.columns, columns: original.rows });
  }

  override get(rowIndex: number, columnIndex: number): number {
    return this.original.get(columnIndex, rowIndex);
  }

  override set(): this {
    throw new Error('SparseFeatureMatrix is read-only');
  }

  /** thisᵀ · other: each original row adds its entries times that row's value of `other`, rows in order. */
  override mmul(other: Matrix): Matrix {
    const right = Matrix.checkMatrix(other);
    if (right.rows !== this.columns) throw new RangeError(`cannot multiply ${this.rows}×${this.columns} by ${right.rows}×${right.columns}`);
    const { starts, ends, columns, values } = this.original.sparse;
    const result = new Matrix(this.rows, right.columns);
    const sums = new Float64Array(this.rows);
    for (let j = 0; j < right.columns; j++) {
      sums.fill(0);
      for (let i = 0; i < this.columns; i++) {
        const factor = right.get(i, j);
        for (let index = starts[i]!; index < ends[i]!; index++) sums[columns[index]!]! += values[index]! * factor;
      }
      for (let k = 0; k < this.rows; k++) result.set(k, j, sums[k]!);
    }
    return result;
  }

  override transpose(): Matrix {
    return this.original;
  }
}
