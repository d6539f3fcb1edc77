import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { SHARED_TYPE_PARSERS } from '../type-parsers';
import type { PgliteClient } from './pglite-client';

const COMMANDS_THAT_CHANGE_ROWS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** kysely's view of PGlite's single session. */
export class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PgliteClient) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Parsers per query, so any PGlite instance handed to the dialect reads values as the pg driver does.
    const parameters = [...compiledQuery.parameters];
    const result = await this.client.query<R>(compiledQuery.sql, parameters, { parsers: SHARED_TYPE_PARSERS });
    // As kysely's Postgres driver does: the tag tells a COMMIT that committed from one that rolled back.
    if (result.command === 'COMMIT' || result.command === 'ROLLBACK') {
      return { rows: [{ command: result.command } as R] };
    }
    const changesRows = result.command !== undefined && COMMANDS_THAT_CHANGE_ROWS.has(result.command);
    return {
      rows: result.rows,
      ...(changesRows ? { numAffectedRows: BigInt(result.affectedRows ?? 0) } : {}),
    };
  }

  /** Query results arrive whole from PGlite's WASM heap, so there is nothing to stream. */
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The PGlite driver does not support streaming queries; use execute().');
  }
}
