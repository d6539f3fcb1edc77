import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { ConnectionMutex } from './connection-mutex';
import type { PgliteClient } from './pglite-client';
import { PgliteConnection } from './pglite-connection';

export interface PgliteDialectConfig {
  /** The PGlite instance, or a function that opens it on first use. The dialect owns it: `db.destroy()` closes it. */
  pglite: PgliteClient | (() => Promise<PgliteClient>);
}

/**
 * Hands out PGlite's one connection to one caller at a time: a kysely transaction keeps it from `begin` to
 * `commit`, and plain queries queue behind it. (Inside `db.transaction()`, use the transaction, never `db`: `db`
 * would wait for the connection the transaction holds.)
 */
export class PgliteDriver implements Driver {
  readonly #config: PgliteDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #client: PgliteClient | undefined;
  #connection: PgliteConnection | undefined;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const { pglite } = this.#config;
    this.#client = typeof pglite === 'function' ? await pglite() : pglite;
    this.#connection = new PgliteConnection(this.#client);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (this.#connection === undefined) {
      this.#mutex.unlock();
      throw new Error('The PGlite database has been closed.');
    }
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modifiers = [
      settings.isolationLevel === undefined ? '' : ` isolation level ${settings.isolationLevel}`,
      settings.accessMode === undefined ? '' : ` ${settings.accessMode}`,
    ].join('');
    await connection.executeQuery(CompiledQuery.raw(modifiers === '' ? 'begin' : `start transaction${modifiers}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // Postgres answers COMMIT with ROLLBACK when an earlier statement failed inside the transaction.
    const { rows } = await connection.executeQuery<{ command: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /** Waits for the query or transaction in progress, then closes PGlite. */
  async destroy(): Promise<void> {
    await this.#mutex.lock();
    try {
      const client = this.#client;
      this.#client = undefined;
      this.#connection = undefined;
      if (client !== undefined && !client.closed) await client.close();
    } finally {
      this.#mutex.unlock();
    }
  }
}
