/** The part of a PGlite instance the driver uses, so the driver is typed without importing PGlite itself. */
export interface PgliteClient {
  query<R>(sql: string, parameters?: unknown[], options?: PgliteQueryOptions): Promise<PgliteQueryResult<R>>;
  close(): Promise<void>;
  readonly closed: boolean;
}

export interface PgliteQueryResult<R> {
  rows: R[];
  /** Rows changed by INSERT, UPDATE, DELETE or MERGE. */
  affectedRows?: number;
  /** The command tag, e.g. `INSERT` or `ROLLBACK` (a COMMIT of an aborted transaction reports `ROLLBACK`). */
  command?: string;
}

export interface PgliteQueryOptions {
  /** Text parsers by type id, over PGlite's own. */
  parsers?: Readonly<Record<number, (text: string) => unknown>>;
}
