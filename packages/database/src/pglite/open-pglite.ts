import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteClient } from './pglite-client';
import { acquireOwnerLock } from './pglite-owner-lock';

/** Opens PGlite in memory, or persisted in `dataDirectory` (created if missing, locked to this process while open). */
export async function openPglite(dataDirectory?: string): Promise<PgliteClient> {
  if (dataDirectory === undefined) return PGlite.create();
  // path.resolve('') is the working directory: never open a database there by accident.
  if (dataDirectory.trim() === '') throw new Error('The PGlite data directory is an empty string.');

  const directory = path.resolve(dataDirectory);
  await mkdir(path.dirname(directory), { recursive: true });
  const releaseLock = acquireOwnerLock(directory);
  try {
    const pglite = await PGlite.create(directory);
    return {
      query: (sql, parameters, options) => pglite.query(sql, parameters, options),
      close: async () => {
        try {
          await pglite.close();
        } finally {
          releaseLock();
        }
      },
      get closed() {
        return pglite.closed;
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
