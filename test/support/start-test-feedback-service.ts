import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadRoutewiseConfig } from '@routewise/config';
import { createDatabase, migrateToLatest, type Database, type Kysely } from '@routewise/database';
import { loadEmbedder } from '@routewise/embedder';
import { createFeedbackApp, RetrainCoordinator } from '@routewise/feedback';
import { createHttpService } from '@routewise/http';
import { ModelCatalog } from '@routewise/policy';
import { createLogger } from '@routewise/telemetry';
import { REPO_ROOT, SHARED_PUBLIC_DATA, SHARED_STATIC_MODEL, TEST_CLASSIFIER_DIRECTORY } from './start-test-router';

export interface TestFeedbackServiceOptions {
  /** Postgres instead of an in-memory PGlite. */
  databaseUrl?: string;
  /** How long feedback waits for its decision; default 3000. */
  decisionWaitMs?: number;
  /** Enable POST /v1/retrain with the shared static embedder and the repo's prompts. */
  retraining?: { marginMacroF1: number };
}

export interface TestFeedbackService {
  url: string;
  db: Kysely<Database>;
  /** Routers' token (pass it to a router as ROUTEWISE_INTERNAL_TOKEN). */
  internalToken: string;
  adminToken: string;
  /** `authorization` headers for calls as a router and as an operator. */
  asRouter: { authorization: string };
  asAdmin: { authorization: string };
  close(): Promise<void>;
}

/** The real feedback app on an in-memory PGlite (or `databaseUrl`), listening on a loopback port. */
export async function startTestFeedbackService(options: TestFeedbackServiceOptions = {}): Promise<TestFeedbackService> {
  const db = await createDatabase(options.databaseUrl ? { url: options.databaseUrl } : {});
  await migrateToLatest(db);
  const config = loadRoutewiseConfig();
  const logger = createLogger({ name: 'routewise-feedback', level: 'silent' });
  const embedder = options.retraining ? (await loadEmbedder({ modelDirectory: SHARED_STATIC_MODEL, allowRemoteModels: false })).embedder : null;
  // A retrain starts from the seed classifier the test routers use, cached in the tests' data folder.
  const artifactDirectory = options.retraining ? TEST_CLASSIFIER_DIRECTORY : null;
  const retraining =
    options.retraining && embedder && artifactDirectory
      ? {
          retraining: new RetrainCoordinator({
            db,
            embedder,
            trainingDirectory: path.join(REPO_ROOT, 'data/prompts'),
            publicDataDirectory: SHARED_PUBLIC_DATA,
            artifactDirectory,
            marginMacroF1: options.retraining.marginMacroF1,
            fallbackLabelWeight: config.classifier.fallback_label_weight,
            targetPrecision: config.classifier.target_precision,
            logger,
          }),
        }
      : {};
  const internalToken = `rw-internal-test-${randomBytes(12).toString('hex')}`;
  const adminToken = `rw-admin-test-${randomBytes(12).toString('hex')}`;
  const app = createFeedbackApp({
    db,
    logger,
    knownModels: new Set(Object.keys(config.catalog)),
    baselineModel: new ModelCatalog(config.catalog).get('claude-opus-4')!,
    satisfactionTarget: 0.8,
    storePrompts: false,
    decisionWaitMs: options.decisionWaitMs ?? 3000,
    internalToken,
    adminToken,
    ...retraining,
  });
  const service = createHttpService(app);
  const port = await service.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    internalToken,
    adminToken,
    asRouter: { authorization: `Bearer ${internalToken}` },
    asAdmin: { authorization: `Bearer ${adminToken}` },
    close: async () => {
      await service.drain(0);
      await embedder?.close();
      await db.destroy();
    },
  };
}
