import pg from 'pg';
import { SHARED_TYPE_PARSERS } from '../type-parsers';

export interface PostgresPoolOptions {
  url: string;
  /** Connections at most (pg's default is 10). */
  maxConnections?: number;
  /** A pooled connection broke (server restart, network drop). The pool drops it; the next query reconnects. */
  onConnectionError?: (error: Error) => void;
}

/** A pg.Pool whose type parsing matches PGlite's (see type-parsers.ts) and that survives server restarts. */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: {
      getTypeParser: (typeId: number, format?: 'text' | 'binary') =>
        (format === 'binary' ? undefined : SHARED_TYPE_PARSERS[typeId]) ?? pg.types.getTypeParser(typeId, format),
    },
  });
  // pg emits 'error' on a client whose connection breaks, idle or checked out (kysely holds one between the
  // statements of a transaction). With no listener that is an uncaught exception that ends the process; the
  // query in flight, if any, is rejected as well, and the pool discards the client when it comes back.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));
  // The pool re-emits idle clients' errors; the client listener above has reported them already.
  pool.on('error', () => undefined);
  return pool;
}
