import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArtifactDirectory, ensureSeedClassifier, type SeedClassifier } from '@routewise/classifier';
import { loadRoutewiseConfig, readFeedbackEnvironment, readRouterEnvironment } from '@routewise/config';
import { createDatabase, migrateToLatest, sql, type Database, type Kysely } from '@routewise/database';
import type { Embedder } from '@routewise/embedder';
import { createFeedbackApp, RetrainCoordinator } from '@routewise/feedback';
import { createHttpService } from '@routewise/http';
import { ModelCatalog } from '@routewise/policy';
import { loadEmbedderFromEnvironment } from '@routewise/retraining';
import { createRouterRuntime, FeedbackServiceEndpoint, HttpDecisionRecorder, trainingOptionsFor, type RouterRuntime } from '@routewise/router';
import { createLogger } from '@routewise/telemetry';

export interface LearningStackOptions {
  repoRoot: string;
  sharedData: string;
  modelDirectory: string;
  /** The public source left out of every classifier's seed training. */
  excludedSource: string;
  /** The stand-in fallback LLM (ANTHROPIC_BASE_URL). */
  fallbackLlmUrl: string;
  /** Where the seed classifier is cached across runs. */
  seedCache: string;
  onSeedProgress?: (stage: string, done: number, total: number) => void;
}

/** A feedback service and a router wired together in this process, on loopback ports. */
export interface LearningStack {
  routerUrl: string;
  feedbackUrl: string;
  adminAuthorization: string;
  runtime: RouterRuntime;
  db: Kysely<Database>;
  /** The routers' embedder (same model and id), for embedding the evaluation set. */
  embedder: Embedder;
  seed: SeedClassifier;
  /** Resolves once every decision the router buffered is stored by the feedback service (at least `expected` rows). */
  deliverDecisions(expected: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the feedback service (in-memory PGlite, retraining on) and a router that ships its decisions to it and polls
 * it for promoted classifiers, as services/feedback/src/main.ts and services/router/src/main.ts wire them, with the
 * benchmark's source excluded from both and a snapshot of data/prompts as their training data. The seed classifier is
 * trained (or found) in `seedCache` first and copied into the router's temporary data folder, so neither service
 * trains it again.
 */
export async function startLearningStack(options: LearningStackOptions): Promise<LearningStack> {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'routewise-eval-learning-'));
  // A snapshot of the project's prompts: the seed and every retrain of this run read the same ones, even while
  // someone edits data/prompts (a changed digest would make each service train its own seed classifier).
  const trainingDirectory = path.join(dataDirectory, 'prompts');
  await cp(path.join(options.repoRoot, 'data/prompts'), trainingDirectory, { recursive: true });
  const internalToken = `rw-internal-${randomBytes(12).toString('hex')}`;
  const adminToken = `rw-admin-${randomBytes(12).toString('hex')}`;
  const shared = {
    ROUTEWISE_DATA_DIR: dataDirectory,
    ROUTEWISE_TRAINING_DATA: trainingDirectory,
    ROUTEWISE_SHARED_DATA: options.sharedData,
    ROUTEWISE_EXCLUDE_SOURCES: options.excludedSource,
    EMBEDDING_MODEL_DIR: options.modelDirectory,
    ROUTEWISE_ALLOW_REMOTE_MODELS: 'false',
    ROUTEWISE_INTERNAL_TOKEN: internalToken,
    LOG_LEVEL: 'warn',
  };
  const logger = (name: string) => createLogger({ name, level: 'warn', destination: process.stderr });
  const config = loadRoutewiseConfig();
  const feedbackEnvironment = readFeedbackEnvironment({ ...shared, ADMIN_TOKEN: adminToken });
  const loaded = await loadEmbedderFromEnvironment(feedbackEnvironment);
  if (loaded.fallback) throw new Error(`the embedding model at ${options.modelDirectory} did not load: ${loaded.warning}`);
  const embedder = loaded.embedder;

  const seed = await ensureSeedClassifier({
    embedder,
    trainingDirectory: feedbackEnvironment.ROUTEWISE_TRAINING_DATA,
    publicDataDirectory: options.sharedData,
    artifactDirectory: options.seedCache,
    excludeSources: [options.excludedSource],
    training: trainingOptionsFor(config),
    onProgress: options.onSeedProgress,
  });
  new ArtifactDirectory(path.join(dataDirectory, 'classifiers')).save(seed.artifact);

  const db = await createDatabase({});
  await migrateToLatest(db);
  const retraining = new RetrainCoordinator({
    db,
    embedder,
    trainingDirectory: feedbackEnvironment.ROUTEWISE_TRAINING_DATA,
    publicDataDirectory: options.sharedData,
    artifactDirectory: options.seedCache,
    excludeSources: feedbackEnvironment.ROUTEWISE_EXCLUDE_SOURCES,
    marginMacroF1: feedbackEnvironment.RETRAIN_MARGIN_MACRO_F1,
    fallbackLabelWeight: config.classifier.fallback_label_weight,
    targetPrecision: config.classifier.target_precision,
    logger: logger('routewise-feedback'),
  });
  const feedbackService = createHttpService(
    createFeedbackApp({
      db,
      logger: logger('routewise-feedback'),
      knownModels: new Set(Object.keys(config.catalog)),
      baselineModel: new ModelCatalog(config.catalog).get(feedbackEnvironment.STATS_BASELINE_MODEL)!,
      satisfactionTarget: config.learning.satisfaction_target,
      storePrompts: false,
      decisionWaitMs: feedbackEnvironment.FEEDBACK_DECISION_WAIT_MS,
      retraining,
      internalToken,
      adminToken,
    }),
  );
  const feedbackUrl = `http://127.0.0.1:${await feedbackService.listen(0, '127.0.0.1')}`;

  const routerEnvironment = readRouterEnvironment({
    ...shared,
    FEEDBACK_ENABLED: 'true',
    FEEDBACK_URL: feedbackUrl,
    ROUTEWISE_CLASSIFIER_POLL_MS: '200',
    ANTHROPIC_BASE_URL: options.fallbackLlmUrl,
    ANTHROPIC_API_KEY: 'eval-learning-dummy-key',
  });
  const routerLogger = logger('routewise-router');
  // The router's own recorder, built as createRouterRuntime would, kept here so the benchmark can flush it.
  const recorder = new HttpDecisionRecorder({ feedback: new FeedbackServiceEndpoint(feedbackUrl, internalToken), logger: routerLogger });
  const runtime = createRouterRuntime({ environment: routerEnvironment, config, logger: routerLogger, recorder });
  await runtime.ready;
  if (runtime.activeClassifier.current()?.version !== seed.artifact.version) throw new Error('the router did not start with the benchmark\'s seed classifier');
  const routerService = createHttpService(runtime.app);
  const routerUrl = `http://127.0.0.1:${await routerService.listen(0, '127.0.0.1')}`;

  return {
    routerUrl,
    feedbackUrl,
    adminAuthorization: `Bearer ${adminToken}`,
    runtime,
    db,
    embedder,
    seed,
    deliverDecisions: async (expected) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const empty = await recorder.flush(true);
        const stored = await sql<{ n: number }>`select count(*)::int as n from decisions`.execute(db);
        if (empty && (stored.rows[0]?.n ?? 0) >= expected) return;
        if (Date.now() > deadline) throw new Error(`decisions did not reach the feedback service: ${JSON.stringify(recorder.stats())}, ${stored.rows[0]?.n} stored, ${expected} expected`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    close: async () => {
      await routerService.drain(0);
      await runtime.close();
      await feedbackService.drain(0);
      await retraining.idle(60_000);
      await embedder.close();
      await db.destroy();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
