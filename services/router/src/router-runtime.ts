import path from 'node:path';
import type { Express } from 'express';
import { ensureSeedClassifier } from '@routewise/classifier';
import { trainingOptionsFor } from './startup/training-options';
import { loadRoutewiseConfig, resolveServiceToken, type RouterEnvironment, type RoutewiseConfig } from '@routewise/config';
import { createProviderAdapters, SimulatedAnswerAdapter } from '@routewise/providers';
import { ConfiguredRoutingPolicy, LearnedRoutingPolicy } from '@routewise/policy';
import { createLogger, type Logger } from '@routewise/telemetry';
import { ProviderTargetResolver } from './dispatch/provider-target-resolver';
import type { ReadinessReport } from './http/health-routes';
import { ActiveClassifier } from './pipeline/active-classifier';
import type { DispatchDependencies } from './pipeline/dispatch-stage';
import { RoutingPipeline } from './pipeline/pipeline';
import type { DecisionRecorder } from './recording/decision-record';
import { LoggingDecisionRecorder } from './recording/logging-decision-recorder';
import { HttpDecisionRecorder } from './recording/http-decision-recorder';
import { ClassifierPoller, type ClassifierOrigin } from './feedback/classifier-poller';
import { FeedbackServiceEndpoint } from './feedback/feedback-service-endpoint';
import { OutcomePoller } from './feedback/outcome-poller';
import { createRouterApp } from './router-app';
import { createFallbackClassifier } from './startup/create-fallback-classifier';
import { createCascadeChecks } from './startup/create-cascade-checks';
import { loadEmbedderStack, type LoadedEmbedder } from './startup/load-embedder-stack';

/**
 * Routed once at start: besides the tables, the tokenizer compiles a code path per kind of text on first sight (the
 * first CJK or emoji prompt in a process cost 50–80 ms), so the warm-up holds each kind and a long unbroken run.
 */
const WARM_UP_PROMPT = `warm-up: prose, code(); 中文文本, кириллица, العربية, emoji 😀🚀, ${'x'.repeat(300)} ${'='.repeat(200)}`;

export interface RouterRuntimeOptions {
  environment: RouterEnvironment;
  /** Defaults to the file named by ROUTEWISE_CONFIG. */
  config?: RoutewiseConfig;
  recorder?: DecisionRecorder;
  logger?: Logger;
}

export interface RouterRuntime {
  app: Express;
  /** Resolves once the embedder and a matching classifier are loaded (training one first if none matches). */
  ready: Promise<void>;
  readiness(): ReadinessReport;
  activeClassifier: ActiveClassifier;
  /** The route stages (parse through policy), for in-process use such as the overhead benchmark. */
  pipeline: RoutingPipeline;
  demoMode: boolean;
  config: RoutewiseConfig;
  /** From now on /readyz answers 503 `draining`, so load balancers stop sending; requests in flight go on. */
  beginDraining(): void;
  /** Stops polling and delivers buffered decisions (see HttpDecisionRecorder.close). Call after the server drained. */
  close(): Promise<void>;
}

/** Wires the router from validated configuration. Serving starts at once; routing waits for `ready`. */
export function createRouterRuntime(options: RouterRuntimeOptions): RouterRuntime {
  const { environment } = options;
  const logger = options.logger ?? createLogger({ name: 'routewise-router', level: environment.LOG_LEVEL });
  const config = options.config ?? loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  const feedbackService = environment.FEEDBACK_ENABLED
    ? new FeedbackServiceEndpoint(
        environment.FEEDBACK_URL,
        resolveServiceToken('internal', environment.ROUTEWISE_INTERNAL_TOKEN, environment.ROUTEWISE_DATA_DIR, { create: true }).value,
      )
    : null;
  const recorder =
    options.recorder ??
    (feedbackService
      ? new HttpDecisionRecorder({ feedback: feedbackService, logger, bufferLimit: environment.ROUTEWISE_DECISION_BUFFER })
      : new LoggingDecisionRecorder(logger));
  const feedback = feedbackService && recorder instanceof HttpDecisionRecorder ? { feedback: feedbackService, recorder } : null;
  const configuredPolicy = new ConfiguredRoutingPolicy(config);
  // Learned model choice needs users' thumbs, so it runs only with a feedback service.
  const outcomePoller = feedbackService ? new OutcomePoller({ feedback: feedbackService, intervalMs: environment.ROUTEWISE_CLASSIFIER_POLL_MS, logger }) : null;
  const policy = outcomePoller && config.learning.enabled ? new LearnedRoutingPolicy(configuredPolicy, config.learning, () => outcomePoller.outcomes) : configuredPolicy;
  const targets = new ProviderTargetResolver(environment.providers);
  const adapters = createProviderAdapters();
  const dispatch: DispatchDependencies = { adapters, simulatedAdapter: new SimulatedAnswerAdapter(), targets, timeoutMs: config.dispatch.timeout_ms };
  const fallback = createFallbackClassifier(config, configuredPolicy.catalog, targets, adapters, logger);
  const activeClassifier = new ActiveClassifier();
  let loaded: LoadedEmbedder | null = null;
  let embedderId: string | null = null;
  let classifierOrigin: ClassifierOrigin | null = null;
  let draining = false;
  const poller = feedbackService
    ? new ClassifierPoller({
        feedback: feedbackService,
        intervalMs: environment.ROUTEWISE_CLASSIFIER_POLL_MS,
        active: activeClassifier,
        embedderId: () => embedderId,
        logger,
      })
    : null;

  const pipeline = new RoutingPipeline({
    config,
    embedder: () => loaded?.embedder ?? null,
    classifier: activeClassifier,
    fallback,
    policy,
    storePrompts: environment.STORE_PROMPTS,
  });
  const readiness = (): ReadinessReport => {
    const classifier = activeClassifier.current();
    return {
      ready: loaded !== null && classifier !== null && classifierOrigin !== null && !draining,
      draining,
      embedder: loaded ? { id: loaded.embedder.id, kind: loaded.embedder.kind, fallback: loaded.fallback, warning: loaded.warning } : null,
      classifier: classifier
        ? { version: classifier.version, embedderId: classifier.embedderId, source: classifierOrigin?.source ?? null, note: classifierOrigin?.note ?? null }
        : null,
      demoMode: targets.demoMode,
      fallbackLlm: fallback?.model ?? null,
      decisions: recorder instanceof HttpDecisionRecorder ? recorder.stats() : null,
    };
  };

  const ready = (async () => {
    const embedderStack = await loadEmbedderStack(environment, logger);
    const seed = await ensureSeedClassifier({
      embedder: embedderStack.embedder,
      trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
      publicDataDirectory: environment.ROUTEWISE_SHARED_DATA || null,
      excludeSources: environment.ROUTEWISE_EXCLUDE_SOURCES,
      artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
      training: trainingOptionsFor(config),
    });
    if (seed.publicExamples === 0) logger.warn({ directory: environment.ROUTEWISE_SHARED_DATA }, 'no public labeled sets found: the seed classifier knows only the project\'s own prompts');
    if (seed.trained) logger.info({ version: seed.artifact.version, file: seed.file, holdoutMacroF1: seed.artifact.metrics.holdout.macroF1 }, 'trained a classifier for this embedder');
    activeClassifier.swap(seed.classifier);
    embedderId = embedderStack.embedder.id;
    // Routing waits for this too: a restarted router must not answer with the seed while a promoted version exists.
    classifierOrigin = poller
      ? await poller.fetchActive(environment.ROUTEWISE_CLASSIFIER_WAIT_MS)
      : { source: 'local', note: 'no feedback service (FEEDBACK_ENABLED=false)' };
    if (classifierOrigin.source === 'local') logger.info({ reason: classifierOrigin.note }, 'using the local classifier');
    loaded = embedderStack;
    // One request through the stages loads the tokenizer's tables and warms the code before real traffic; it asks
    // no fallback LLM and calls no provider, so a start costs nothing.
    await pipeline.warmUp({ model: 'auto', messages: [{ role: 'user', content: WARM_UP_PROMPT }] });
    poller?.start();
    outcomePoller?.start();
    logger.info({ classifier: seed.classifier.version, embedder: embedderStack.embedder.id }, 'router ready');
  })();
  ready.catch((error: unknown) => logger.fatal({ error: (error as Error).message }, 'router failed to load its embedder or classifier'));

  const cascades = { config, catalog: configuredPolicy.catalog, checks: createCascadeChecks(config, configuredPolicy.catalog, targets, adapters, dispatch.simulatedAdapter) };
  const app = createRouterApp({
    pipeline,
    dispatch,
    recorder,
    catalog: configuredPolicy.catalog,
    readiness,
    logger,
    bodyLimits: { maxBytes: config.server.max_body_bytes, maxDepth: config.server.max_json_depth, maxValues: config.server.max_json_values },
    feedback,
    cascades,
  });
  return {
    app,
    ready,
    readiness,
    activeClassifier,
    pipeline,
    demoMode: targets.demoMode,
    config,
    beginDraining: () => {
      draining = true;
    },
    close: async () => {
      poller?.stop();
      outcomePoller?.stop();
      await recorder.close();
      await loaded?.embedder.close();
    },
  };
}
