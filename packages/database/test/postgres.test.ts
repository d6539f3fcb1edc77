import { createDatabase, findFeedback, migrateToLatest, upsertFeedback, type Database } from '@routewise/database';
import { createTestDatabase, PREFERRED_POSTGRES_MAJOR_VERSION, startPostgresServer, type PostgresServer } from '@routewise/test-support/postgres';
import { sql, type Kysely } from 'kysely';
import { runDatabaseContract } from './database-contract';

// One server for this file; every test gets its own database on it.
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

runDatabaseContract('Postgres through pg', async () => createDatabase({ url: await createTestDatabase(server.url) }));

describe('the Postgres test server', () => {
  let db: Kysely<Database>;
  let connectionErrors: Error[];

  beforeEach(async () => {
    connectionErrors = [];
    db = await createDatabase({
      url: await createTestDatabase(server.url),
      onConnectionError: (error) => connectionErrors.push(error),
    });
    await migrateToLatest(db);
  });

  afterEach(async () => {
    await db.destroy();
  });

  it(`runs Postgres (${PREFERRED_POSTGRES_MAJOR_VERSION} when installed) on 127.0.0.1`, async () => {
    const { rows } = await sql<{ version: string; address: string }>`
      select version() as version, host(inet_server_addr()) as address`.execute(db);
    expect(rows[0]?.version).toContain(`PostgreSQL ${server.majorVersion}.`);
    expect(rows[0]?.address).toBe('127.0.0.1');
  });

  it('reports connections broken by a restart, then reconnects', async () => {
    await upsertFeedback(db, { request_id: 'before-restart', rating: 'up' });
    await server.restart();
    await waitFor(() => connectionErrors.length > 0);

    expect(connectionErrors[0]?.message).toMatch(/terminat/i);
    expect((await findFeedback(db, 'before-restart'))?.rating).toBe('up');
  });

  it('keeps every acknowledged write and serves the pool again after a restart in the middle of a burst', async () => {
    const restartAfter = 100;
    const outcomes: Array<Promise<{ index: number; requestId: string; acknowledged: boolean }>> = [];
    for (let index = 0; index < 200; index++) {
      const requestId = `burst-${index}`;
      outcomes.push(
        upsertFeedback(db, { request_id: requestId, rating: 'up' }).then(
          () => ({ index, requestId, acknowledged: true }),
          () => ({ index, requestId, acknowledged: false }),
        ),
      );
      if (index === restartAfter) await server.restart();
      else if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const settled = await Promise.all(outcomes);

    // A write cut off by the restart may or may not have committed (the client cannot know); one that was
    // acknowledged must be there, and every write sent after the restart must succeed on fresh connections.
    const stored = new Set((await db.selectFrom('feedback').select('request_id').execute()).map((row) => row.request_id));
    const lost = settled.filter((outcome) => outcome.acknowledged && !stored.has(outcome.requestId));
    expect(lost).toEqual([]);
    expect(settled.filter((outcome) => outcome.index > restartAfter && !outcome.acknowledged)).toEqual([]);
    expect(connectionErrors.length).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
