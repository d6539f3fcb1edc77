import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  createDatabase,
  DATABASE_MIGRATIONS,
  findDecision,
  findFeedback,
  insertDecisions,
  migrateToLatest,
  PgliteDialect,
  upsertFeedback,
  type Database,
} from '@routewise/database';
import { Kysely } from 'kysely';
import { runDatabaseContract } from './database-contract';
import { exampleDecision } from './example-rows';

// A new in-memory PGlite runs initdb (~1.5 s); one loaded from a dump of an empty one takes ~0.5 s.
let emptyDatabaseDump: File | Blob;

beforeAll(async () => {
  const empty = await PGlite.create();
  emptyDatabaseDump = await empty.dumpDataDir('none');
  await empty.close();
}, 60_000);

runDatabaseContract(
  'PGlite in memory',
  async () => new Kysely<Database>({ dialect: new PgliteDialect({ pglite: await PGlite.create({ loadDataDir: emptyDatabaseDump }) }) }),
);

describe('createDatabase without a URL or folder', () => {
  it('opens an empty in-memory PGlite database', async () => {
    const db = await createDatabase();
    try {
      expect(await migrateToLatest(db)).toHaveLength(Object.keys(DATABASE_MIGRATIONS).length);
    } finally {
      await db.destroy();
    }
  });
});

describe('PGlite persisted to a folder', () => {
  let parent: string;
  let dataDirectory: string;

  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'routewise-pglite-'));
    dataDirectory = path.join(parent, 'nested', 'feedback-db');
  });

  afterEach(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('keeps its schema and rows across close and reopen', async () => {
    const first = await createDatabase({ dataDirectory });
    await migrateToLatest(first);
    await insertDecisions(first, [exampleDecision({ request_id: 'persisted' })]);
    await upsertFeedback(first, { request_id: 'persisted', rating: 'up' });
    await first.destroy();

    const reopened = await createDatabase({ dataDirectory });
    try {
      expect(await migrateToLatest(reopened)).toEqual([]);
      expect((await findDecision(reopened, 'persisted'))?.model).toBe('gpt-4o-mini');
      expect((await findFeedback(reopened, 'persisted'))?.rating).toBe('up');
    } finally {
      await reopened.destroy();
    }
  });

  it('refuses a second owner while the folder is open, and frees it on close', async () => {
    const owner = await createDatabase({ dataDirectory });
    await expect(createDatabase({ dataDirectory })).rejects.toThrow(/already open in this process/);
    await owner.destroy();

    const next = await createDatabase({ dataDirectory });
    await next.destroy();
  });
});
