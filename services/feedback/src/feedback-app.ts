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
import { outcomesHandler } from './http/outcomes-route';
import { adminTokenMiddleware } from './http/admin-token-middleware';
import { retrainHandler } from './http/retrain-route';
import type { RetrainCoordinator } from './retraining/retrain-coordinator';

export interface FeedbackAppDependencies {
  db: Kysely<Database>;
  logger: Logger;
  knownModels: ReadonlySet<string>;
  /** The model /v1/stats prices the same traffic on. */
  baselineModel: CatalogModel;
  /** The thumbs-up rate learned model choice aims for (config `learning.satisfaction_target`). */
  satisfactionTarget: number;
  storePrompts: boolean;
  decisionWaitMs: number;
  maxBodyBytes?: number;
  /** Runs POST /v1/retrain; without one the route answers 503. */
  retraining?: RetrainCoordinator;
  /** Bearer token POST /v1/retrain requires (ADMIN_TOKEN); unset: open. */
  adminToken?: string | undefined;
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
  app.get('/v1/stats', statsHandler(dependencies.db, dependencies.baselineModel, dependencies.satisfactionTarget));
  app.get('/v1/routing/outcomes', outcomesHandler(dependencies.db));
  app.post('/v1/retrain', adminTokenMiddleware(dependencies.adminToken), json, retrainHandler(dependencies.retraining));
  app.use((request, _response, next) => next(new NotFoundError(`No route for ${request.method} ${request.path}.`)));
  app.use(databaseUnavailableMiddleware());
  app.use(errorMiddleware(dependencies.logger, maxBodyBytes));
  return app;
}
