import path from 'node:path';
import type { Express } from 'express';
import { ensureSeedClassifier } from '@routewise/classifier';
import { loadRoutewiseConfig, type RouterEnvironment, type RoutewiseConfig } from '@routewise/config';
import { createProviderAdapters, SimulatedAnswerAdapter } from '@routewise/providers';
import { ConfiguredRoutingPolicy, LearnedRoutingPolicy } from '@routewise/policy';
import { createLogger, type Logger } from '@routewise/telemetry';
import { ProviderTargetResolver } from './dispatch/provider-target-resolver';
import type { ReadinessReport } from './http/health-routes';
import { ActiveClassifier } from './pipeline/active-classifier';
import type { DispatchDependencies } from './pipeline/dispatch-stage';
import { RoutingPipeline } from './pipeline/pipeline';
import { NO_ROUTING_HEADERS } from './pipeline/routing-headers';
import type { DecisionRecorder } from './recording/decision-record';
import { LoggingDecisionRecorder } from './recording/logging-decision-recorder';
import { HttpDecisionRecorder } from './recording/http-decision-recorder';
import { ClassifierPoller } from './feedback/classifier-poller';
import { OutcomePoller } from './feedback/outcome-poller';
import { createRouterApp } from './router-app';
import { createFallbackClassifier } from './startup/create-fallback-classifier';
import { createCascadeChecks } from './startup/create-cascade-checks';
import { loadEmbedderStack, type LoadedEmbedder } from './startup/load-embedder-stack';

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
  close(): Promise<void>;
}

/** Wires the router from validated configuration. Serving starts at once; routing waits for `ready`. */
export function createRouterRuntime(options: RouterRuntimeOptions): RouterRuntime {
  const { environment } = options;
  const logger = options.logger ?? createLogger({ name: 'routewise-router', level: environment.LOG_LEVEL });
  const config = options.config ?? loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  const recorder =
    options.recorder ??
    (environment.FEEDBACK_ENABLED
      ? new HttpDecisionRecorder({ feedbackUrl: environment.FEEDBACK_URL, logger, bufferLimit: environment.ROUTEWISE_DECISION_BUFFER })
      : new LoggingDecisionRecorder(logger));
  const feedback = environment.FEEDBACK_ENABLED && recorder instanceof HttpDecisionRecorder ? { feedbackUrl: environment.FEEDBACK_URL, recorder } : null;
  const configuredPolicy = new ConfiguredRoutingPolicy(config);
  // Learned model choice needs users' thumbs, so it runs only with a feedback service.
  const outcomePoller = environment.FEEDBACK_ENABLED
    ? new OutcomePoller({ feedbackUrl: environment.FEEDBACK_URL, intervalMs: environment.ROUTEWISE_CLASSIFIER_POLL_MS, logger })
    : null;
  const policy = outcomePoller && config.learning.enabled ? new LearnedRoutingPolicy(configuredPolicy, config.learning, () => outcomePoller.outcomes) : configuredPolicy;
  const targets = new ProviderTargetResolver(environment.providers);
  const adapters = createProviderAdapters();
  const dispatch: DispatchDependencies = { adapters, simulatedAdapter: new SimulatedAnswerAdapter(), targets, timeoutMs: config.dispatch.timeout_ms };
  const fallback = createFallbackClassifier(config, configuredPolicy.catalog, targets, adapters, logger);
  const activeClassifier = new ActiveClassifier();
  let loaded: LoadedEmbedder | null = null;
  const poller = environment.FEEDBACK_ENABLED
    ? new ClassifierPoller({
        feedbackUrl: environment.FEEDBACK_URL,
        intervalMs: environment.ROUTEWISE_CLASSIFIER_POLL_MS,
        active: activeClassifier,
        embedderId: () => loaded?.embedder.id ?? null,
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
      ready: loaded !== null && classifier !== null,
      embedder: loaded ? { id: loaded.embedder.id, kind: loaded.embedder.kind, fallback: loaded.fallback, warning: loaded.warning } : null,
      classifier: classifier ? { version: classifier.version, embedderId: classifier.embedderId } : null,
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
      artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
    });
    if (seed.trained) logger.info({ version: seed.artifact.version, file: seed.file, holdoutMacroF1: seed.artifact.metrics.holdout.macroF1 }, 'trained a classifier for this embedder');
    activeClassifier.swap(seed.classifier);
    loaded = embedderStack;
    // One request through the stages loads the tokenizer's tables and warms the code before real traffic.
    await pipeline.route({ model: 'auto', messages: [{ role: 'user', content: 'warm-up' }] }, NO_ROUTING_HEADERS);
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
    maxBodyBytes: config.server.max_body_bytes,
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
    close: async () => {
      poller?.stop();
      outcomePoller?.stop();
      await recorder.close();
      await loaded?.embedder.close();
    },
  };
}
