import path from 'node:path';
import { ConfigError, loadRoutewiseConfig, readFeedbackEnvironment, resolveServiceToken } from '@routewise/config';
import { createDatabase, databaseOptionsFromEnvironment, describeDatabase, migrateToLatest } from '@routewise/database';
import { ModelCatalog } from '@routewise/policy';
import { loadEmbedderFromEnvironment } from '@routewise/retraining';
import { createHttpService, onStopSignal } from '@routewise/http';
import { createLogger, startTracing } from '@routewise/telemetry';
import { createFeedbackApp } from './feedback-app';
import { RetrainCoordinator } from './retraining/retrain-coordinator';
import { RetrainScheduler } from './retraining/retrain-scheduler';

/** The feedback service process: validate configuration, open and migrate the database, serve. */
async function main(): Promise<void> {
  const environment = readFeedbackEnvironment();
  const logger = createLogger({ name: 'routewise-feedback', level: environment.LOG_LEVEL });
  const tracing = startTracing({ serviceName: 'routewise-feedback', otlpEndpoint: environment.OTEL_EXPORTER_OTLP_ENDPOINT });
  const config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  const internalToken = resolveServiceToken('internal', environment.ROUTEWISE_INTERNAL_TOKEN, environment.ROUTEWISE_DATA_DIR, { create: true });
  const adminToken = resolveServiceToken('admin', environment.ADMIN_TOKEN, environment.ROUTEWISE_DATA_DIR, { create: true });
  for (const [name, token] of [['internal', internalToken], ['admin', adminToken]] as const) {
    logger.info({ token: name, from: token.file ?? 'environment', created: token.created }, `${name} token ${token.created ? 'generated' : 'loaded'}`);
  }
  const databaseOptions = databaseOptionsFromEnvironment(environment);
  const db = await createDatabase(databaseOptions);
  await migrateToLatest(db);
  logger.info({ database: describeDatabase(databaseOptions) }, 'database ready');

  // Retraining embeds the seed prompts with the routers' embedder, loaded from the same variables.
  const loadedEmbedder = await loadEmbedderFromEnvironment(environment);
  if (loadedEmbedder.warning) logger.warn(`EMBEDDER FALLBACK: ${loadedEmbedder.warning}`);
  logger.info({ embedder: loadedEmbedder.embedder.id }, 'embedder loaded for retraining');
  const retraining = new RetrainCoordinator({
    db,
    embedder: loadedEmbedder.embedder,
    trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
    publicDataDirectory: environment.ROUTEWISE_SHARED_DATA || null,
    artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
    excludeSources: environment.ROUTEWISE_EXCLUDE_SOURCES,
    marginMacroF1: environment.RETRAIN_MARGIN_MACRO_F1,
    fallbackLabelWeight: config.classifier.fallback_label_weight,
    targetPrecision: config.classifier.target_precision,
    logger,
  });
  const scheduler = new RetrainScheduler({
    db,
    coordinator: retraining,
    everyMinutes: environment.RETRAIN_EVERY_MINUTES,
    afterExamples: environment.RETRAIN_AFTER_EXAMPLES,
    logger,
  });

  const catalog = new ModelCatalog(config.catalog);
  const baselineModel = catalog.get(environment.STATS_BASELINE_MODEL);
  if (!baselineModel) throw new ConfigError('environment variables', [`STATS_BASELINE_MODEL: '${environment.STATS_BASELINE_MODEL}' is not a catalog model id`]);
  const app = createFeedbackApp({
    db,
    logger,
    knownModels: new Set(Object.keys(config.catalog)),
    baselineModel,
    satisfactionTarget: config.learning.satisfaction_target,
    storePrompts: environment.STORE_PROMPTS,
    decisionWaitMs: environment.FEEDBACK_DECISION_WAIT_MS,
    retraining,
    internalToken: internalToken.value,
    adminToken: adminToken.value,
  });
  const service = createHttpService(app);
  const port = await service.listen(environment.FEEDBACK_PORT, environment.FEEDBACK_HOST);
  logger.info({ url: `http://${environment.FEEDBACK_HOST}:${port}` }, 'feedback service listening');
  await scheduler.start();

  // Stop taking requests, let the ones in flight commit (an acknowledged feedback is a committed one), then close the
  // database so PGlite writes its files out.
  onStopSignal(logger, async (reason) => {
    logger.info({ reason }, 'stopping: finishing requests in flight');
    scheduler.stop();
    const drained = await service.drain(config.server.shutdown_timeout_ms);
    if (!drained.completed) logger.warn({ abandoned: drained.abandoned }, 'requests still running at the shutdown deadline were cut off');
    await retraining.idle(config.server.shutdown_timeout_ms);
    await loadedEmbedder.embedder.close();
    await db.destroy();
    await tracing.shutdown();
    logger.info('stopped');
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `routewise feedback service failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
