import { once } from 'node:events';
import { ConfigError, loadRoutewiseConfig, readFeedbackEnvironment } from '@routewise/config';
import { createDatabase, databaseOptionsFromEnvironment, describeDatabase, migrateToLatest } from '@routewise/database';
import { ModelCatalog } from '@routewise/policy';
import { createLogger, startTracing } from '@routewise/telemetry';
import { createFeedbackApp } from './feedback-app';

/** The feedback service process: validate configuration, open and migrate the database, serve. */
async function main(): Promise<void> {
  const environment = readFeedbackEnvironment();
  const logger = createLogger({ name: 'routewise-feedback', level: environment.LOG_LEVEL });
  const tracing = startTracing({ serviceName: 'routewise-feedback', otlpEndpoint: environment.OTEL_EXPORTER_OTLP_ENDPOINT });
  const config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  const databaseOptions = databaseOptionsFromEnvironment(environment);
  const db = await createDatabase(databaseOptions);
  await migrateToLatest(db);
  logger.info({ database: describeDatabase(databaseOptions) }, 'database ready');

  const catalog = new ModelCatalog(config.catalog);
  const baselineModel = catalog.get(environment.STATS_BASELINE_MODEL);
  if (!baselineModel) throw new ConfigError('environment variables', [`STATS_BASELINE_MODEL: '${environment.STATS_BASELINE_MODEL}' is not a catalog model id`]);
  const app = createFeedbackApp({
    db,
    logger,
    knownModels: new Set(Object.keys(config.catalog)),
    baselineModel,
    storePrompts: environment.STORE_PROMPTS,
    decisionWaitMs: environment.FEEDBACK_DECISION_WAIT_MS,
  });
  const server = app.listen(environment.FEEDBACK_PORT, environment.FEEDBACK_HOST);
  await once(server, 'listening');
  logger.info({ url: `http://${environment.FEEDBACK_HOST}:${environment.FEEDBACK_PORT}` }, 'feedback service listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await db.destroy();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `routewise feedback service failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
