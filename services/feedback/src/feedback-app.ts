import express, { type Express } from 'express';
import type { Database, Kysely } from '@routewise/database';
import { errorMiddleware, NotFoundError } from '@routewise/errors';
import type { CatalogModel } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';
import { activeClassifierHandler } from './http/active-classifier-route';
import { databaseUnavailableMiddleware } from './http/database-unavailable';
import { decisionsHandler } from './http/decisions-route';
import { feedbackHandler } from './http/feedback-route';
import { statsHandler } from './http/stats-route';

export interface FeedbackAppDependencies {
  db: Kysely<Database>;
  logger: Logger;
  knownModels: ReadonlySet<string>;
  /** The model /v1/stats prices the same traffic on. */
  baselineModel: CatalogModel;
  storePrompts: boolean;
  decisionWaitMs: number;
  maxBodyBytes?: number;
}

/** The feedback service's HTTP app. It never listens: main.ts (or a test) binds the port. */
export function createFeedbackApp(dependencies: FeedbackAppDependencies): Express {
  const maxBodyBytes = dependencies.maxBodyBytes ?? 64 * 1024 * 1024;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const json = express.json({ limit: maxBodyBytes, type: () => true });

  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.post('/v1/decisions', json, decisionsHandler(dependencies.db, dependencies.storePrompts));
  app.post('/v1/feedback', json, feedbackHandler({ db: dependencies.db, knownModels: dependencies.knownModels, decisionWaitMs: dependencies.decisionWaitMs }));
  app.get('/v1/classifier/active', activeClassifierHandler(dependencies.db));
  app.get('/v1/stats', statsHandler(dependencies.db, dependencies.baselineModel));
  app.use((request, _response, next) => next(new NotFoundError(`No route for ${request.method} ${request.path}.`)));
  app.use(databaseUnavailableMiddleware());
  app.use(errorMiddleware(dependencies.logger, maxBodyBytes));
  return app;
}
