import { startPostgresServer, type PostgresServer } from '@routewise/test-support/postgres';
import { startTestFeedbackService, type TestFeedbackService } from '@routewise/test-support';
import { wireDecision } from './support/wire-decision';

async function seedDecisions(service: TestFeedbackService, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 1000) {
    const response = await fetch(`${service.url}/v1/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...service.asRouter },
      body: JSON.stringify({ decisions: ids.slice(start, start + 1000).map((id) => wireDecision(id)) }),
    });
    expect(response.status).toBe(200);
  }
}

/** Sends every feedback with `clients` concurrent senders; returns the ids whose feedback was acknowledged (2xx). */
async function sendFeedback(service: TestFeedbackService, ids: string[], clients: number, retryUnavailable: boolean): Promise<{ acknowledged: Set<string>; statuses: Map<number, number> }> {
  const acknowledged = new Set<string>();
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      for (let attempt = 0; attempt < 50; attempt++) {
        const response = await fetch(`${service.url}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...service.asRouter },
          body: JSON.stringify({ request_id: id, rating: Number(id.split('_')[1]) % 3 === 0 ? 'down' : 'up', task: 'code' }),
        }).catch(() => null);
        const status = response?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        await response?.arrayBuffer();
        if (status === 200 || status === 201) {
          acknowledged.add(id);
          break;
        }
        if (!retryUnavailable || (status !== 503 && status !== 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { acknowledged, statuses };
}

const countFeedback = async (service: TestFeedbackService) =>
  Number((await service.db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

describe.each([
  ['PGlite', () => Promise.resolve(undefined)],
  ['Postgres', async () => (postgres = await startPostgresServer()).url],
] as const)('feedback under load (%s)', (_name, database) => {
  let service: TestFeedbackService;

  beforeAll(async () => {
    service = await startTestFeedbackService({ databaseUrl: await database() });
  }, 60_000);
  afterAll(async () => {
    await service.close();
    await postgres?.stop();
    postgres = undefined;
  });

  it('stores 10,000 feedback posts from 50 concurrent clients: none lost, none duplicated', async () => {
    const ids = Array.from({ length: 5000 }, (_, index) => `load_${index}`);
    await seedDecisions(service, ids);
    // Every request id is rated twice (10,000 posts): the second post must update, never add a row.
    const { acknowledged, statuses } = await sendFeedback(service, [...ids, ...ids], 50, false);
    expect([...statuses.keys()].sort()).toEqual([200, 201]);
    expect(statuses.get(201)).toBe(5000);
    expect(statuses.get(200)).toBe(5000);
    expect(acknowledged.size).toBe(5000);
    expect(await countFeedback(service)).toBe(5000);
  }, 240_000);
});

let postgres: PostgresServer | undefined;

describe('Postgres restarted in the middle of a feedback burst', () => {
  let server: PostgresServer;
  let service: TestFeedbackService;

  beforeAll(async () => {
    server = await startPostgresServer();
    service = await startTestFeedbackService({ databaseUrl: server.url });
  }, 60_000);
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  it('stores every feedback it acknowledged; the rest got a retryable 503 and arrived on retry', async () => {
    const ids = Array.from({ length: 2000 }, (_, index) => `burst_${index}`);
    await seedDecisions(service, ids);
    const burst = sendFeedback(service, ids, 20, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.restart();
    const { acknowledged, statuses } = await burst;
    expect(acknowledged.size).toBe(ids.length);
    // The restart really hit the burst: some posts were refused (503) or cut (no answer) and sent again.
    expect((statuses.get(503) ?? 0) + (statuses.get(0) ?? 0)).toBeGreaterThan(0);
    expect(statuses.has(500)).toBe(false);
    const stored = await service.db.selectFrom('feedback').select('request_id').execute();
    expect(new Set(stored.map((row) => row.request_id))).toEqual(acknowledged);
  }, 120_000);
});
