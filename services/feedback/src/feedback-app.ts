import express, { type Express } from 'express';
import type { Database, Kysely } from '@routewise/database';
import { errorMiddleware, NotFoundError } from '@routewise/errors';
import { jsonBodyParser, requireBearerToken, SMALL_JSON_BODY_LIMITS, type JsonBodyLimits } from '@routewise/http';
import type { CatalogModel } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';
import { activeClassifierHandler } from './http/active-classifier-route';
import { databaseUnavailableMiddleware } from './http/database-unavailable';
import { decisionsHandler } from './http/decisions-route';
import { feedbackHandler } from './http/feedback-route';
import { statsHandler } from './http/stats-route';
import { outcomesHandler } from './http/outcomes-route';
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
  /** Runs POST /v1/retrain; without one the route answers 503. */
  retraining?: RetrainCoordinator;
  /** What routers send (ROUTEWISE_INTERNAL_TOKEN): decisions, feedback and the polled resources need it. */
  internalToken: string;
  /** What operators send (ADMIN_TOKEN): retraining and stats need it; it also opens the internal routes. */
  adminToken: string;
}

/** A router's batch of 200 decisions with their feature rows is ~2 MB and ~230,000 values; the schema allows 1,000. */
const DECISION_BATCH_LIMITS: JsonBodyLimits = Object.freeze({ maxBytes: 32 * 1024 * 1024, maxDepth: 16, maxValues: 2_000_000 });

/**
 * The feedback service's HTTP app. It never listens: main.ts (or a test) binds the port. Closed by default: every
 * /v1 route checks its token before it reads a byte of the body.
 */
export function createFeedbackApp(dependencies: FeedbackAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const internal = requireBearerToken({
    tokens: [dependencies.internalToken, dependencies.adminToken],
    describe: 'the internal token routers send (ROUTEWISE_INTERNAL_TOKEN)',
  });
  const admin = requireBearerToken({ tokens: [dependencies.adminToken], describe: 'the admin token (ADMIN_TOKEN)' });
  const smallBody = jsonBodyParser(SMALL_JSON_BODY_LIMITS);

  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.post('/v1/decisions', internal, jsonBodyParser(DECISION_BATCH_LIMITS), decisionsHandler(dependencies.db, dependencies.storePrompts));
  app.post('/v1/feedback', internal, smallBody, feedbackHandler({ db: dependencies.db, knownModels: dependencies.knownModels, decisionWaitMs: dependencies.decisionWaitMs }));
  app.get('/v1/classifier/active', internal, activeClassifierHandler(dependencies.db));
  app.get('/v1/routing/outcomes', internal, outcomesHandler(dependencies.db));
  app.get('/v1/stats', admin, statsHandler(dependencies.db, dependencies.baselineModel, dependencies.satisfactionTarget));
  app.post('/v1/retrain', admin, smallBody, retrainHandler(dependencies.retraining));
  app.use((request, _response, next) => next(new NotFoundError(`No route for ${request.method} ${request.path}.`)));
  app.use(databaseUnavailableMiddleware());
  app.use(errorMiddleware(dependencies.logger));
  return app;
}
