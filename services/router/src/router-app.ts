import express, { type Express } from 'express';
import { errorMiddleware, NotFoundError } from '@routewise/errors';
import { jsonBodyParser, SMALL_JSON_BODY_LIMITS, type JsonBodyLimits } from '@routewise/http';
import type { ModelCatalog } from '@routewise/policy';
import type { Logger } from '@routewise/telemetry';
import { chatCompletionsHandler, type CascadeDependencies } from './http/chat-completions-route';
import { feedbackForwardHandler, type FeedbackForwarding } from './http/feedback-forward-route';
import { healthHandler, readinessHandler, type ReadinessReport } from './http/health-routes';
import { modelsHandler } from './http/models-route';
import { routeDecisionHandler } from './http/route-decision-route';
import type { DispatchDependencies } from './pipeline/dispatch-stage';
import type { RoutingPipeline } from './pipeline/pipeline';
import type { DecisionRecorder } from './recording/decision-record';

export interface RouterAppDependencies {
  pipeline: RoutingPipeline;
  dispatch: DispatchDependencies;
  recorder: DecisionRecorder;
  catalog: ModelCatalog;
  readiness: () => ReadinessReport;
  logger: Logger;
  /** What a chat request body may hold (config `server`). */
  bodyLimits: JsonBodyLimits;
  /** Null when the feedback service is not enabled. */
  feedback: FeedbackForwarding | null;
  cascades: CascadeDependencies;
}

/** The router's HTTP app. It never listens: main.ts (or a test) binds the port. */
export function createRouterApp(dependencies: RouterAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const json = jsonBodyParser(dependencies.bodyLimits);

  app.get('/healthz', healthHandler());
  app.get('/readyz', readinessHandler(dependencies.readiness));
  app.get('/v1/models', modelsHandler(dependencies.catalog));
  app.post('/v1/chat/completions', json, chatCompletionsHandler(dependencies));
  app.post('/v1/route', json, routeDecisionHandler(dependencies.pipeline, dependencies.recorder));
  app.post('/v1/feedback', jsonBodyParser(SMALL_JSON_BODY_LIMITS), feedbackForwardHandler(dependencies.feedback));
  app.use((request, _response, next) => next(new NotFoundError(`No route for ${request.method} ${request.path}.`)));
  app.use(errorMiddleware(dependencies.logger));
  return app;
}
