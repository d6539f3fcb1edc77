import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import { PgliteDriver, type PgliteDialectConfig } from './pglite-driver';

/**
 * kysely over PGlite (Postgres compiled to WASM, in process). PGlite speaks Postgres' SQL, so only the driver is
 * new; the query compiler, adapter (transactional DDL, advisory migration lock) and introspector are kysely's
 * Postgres ones.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly config: PgliteDialectConfig) {}

  createDriver(): Driver {
    return new PgliteDriver(this.config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
