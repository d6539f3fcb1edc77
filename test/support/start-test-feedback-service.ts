import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadRoutewiseConfig } from '@routewise/config';
import { createDatabase, migrateToLatest, type Database, type Kysely } from '@routewise/database';
import { createFeedbackApp } from '@routewise/feedback';
import { ModelCatalog } from '@routewise/policy';
import { createLogger } from '@routewise/telemetry';

export interface TestFeedbackService {
  url: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** The real feedback app on an in-memory PGlite (or `databaseUrl`), listening on a loopback port. */
export async function startTestFeedbackService(options: { databaseUrl?: string } = {}): Promise<TestFeedbackService> {
  const db = await createDatabase(options.databaseUrl ? { url: options.databaseUrl } : {});
  await migrateToLatest(db);
  const config = loadRoutewiseConfig();
  const app = createFeedbackApp({
    db,
    logger: createLogger({ name: 'routewise-feedback', level: 'silent' }),
    knownModels: new Set(Object.keys(config.catalog)),
    baselineModel: new ModelCatalog(config.catalog).get('claude-opus-4')!,
    satisfactionTarget: 0.8,
    storePrompts: false,
    decisionWaitMs: 3000,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}
