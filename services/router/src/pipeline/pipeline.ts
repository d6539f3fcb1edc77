import { createHash, randomUUID } from 'node:crypto';
import { describeTask, type FeatureLayout, type TaskClassifier, type TaskDescription, type TaskPrediction } from '@routewise/classifier';
import type { RoutewiseConfig } from '@routewise/config';
import type { Embedder } from '@routewise/embedder';
import { NotReadyError } from '@routewise/errors';
import { estimateCost, type PolicyDecision, type RoutingPolicy } from '@routewise/policy';
import { withSpan } from '@routewise/telemetry';
import type { ActiveClassifier } from './active-classifier';
import type { ChatRequest } from './chat-request-schema';
import { classifyTask } from './classify-stage';
import { embedTask } from './embed-stage';
import { resolveUncertainTask, type FallbackClassifier, type FallbackOutcome } from './fallback-stage';
import { extractFeatures, type RequestFeatures } from './features-stage';
import { parseChatRequest } from './parse-stage';
import { choosePolicy } from './policy-stage';
import { NO_ROUTING_HEADERS, type RoutingHeaders } from './routing-headers';
import { storableText } from '../recording/storable-text';

/**
 * The routing pipeline, in order:
 *   parse → features → embed → classify → fallback (when unsure) → policy   (this file: `route`)
 *   → dispatch → record                                                     (dispatch-stage.ts, record-stage.ts)
 */
export interface RoutingPipelineDependencies {
  config: RoutewiseConfig;
  embedder: () => Embedder | null;
  classifier: ActiveClassifier;
  fallback: FallbackClassifier | null;
  policy: RoutingPolicy;
  /** Keep the task text in decision records (STORE_PROMPTS=true); otherwise only its hash. */
  storePrompts: boolean;
}

export interface RoutedRequest {
  requestId: string;
  startedAt: number;
  request: ChatRequest;
  headers: RoutingHeaders;
  features: RequestFeatures;
  description: TaskDescription;
  prediction: TaskPrediction;
  outcome: FallbackOutcome & { taskSource: 'classifier' | 'llm' | 'header' };
  decision: PolicyDecision;
  estimatedCostUsd: number;
  embedderId: string;
  classifierVersion: string;
  featureLayout: FeatureLayout;
  promptHash: string;
  promptText: string | null;
  routingMs: number;
}

export class RoutingPipeline {
  constructor(private readonly dependencies: RoutingPipelineDependencies) {}

  async route(body: unknown, headers: RoutingHeaders): Promise<RoutedRequest> {
    return this.run(body, headers, true);
  }

  /**
   * Every stage of `route` except the fallback LLM, for the warm-up at start: it loads the tokenizer's tables and
   * warms the code without calling (and paying) any provider.
   */
  async warmUp(body: unknown): Promise<RoutedRequest> {
    return this.run(body, NO_ROUTING_HEADERS, false);
  }

  /** The fallback threshold in force: the configured number, or the one the active classifier was trained with. */
  fallbackThreshold(classifier: TaskClassifier): number {
    const configured = this.dependencies.config.classifier.fallback_threshold;
    return configured === 'auto' ? classifier.fallbackThreshold : configured;
  }

  private async run(body: unknown, headers: RoutingHeaders, askFallback: boolean): Promise<RoutedRequest> {
    const startedAt = performance.now();
    const { config, classifier: active, fallback, policy } = this.dependencies;
    const embedder = this.dependencies.embedder();
    const classifier = active.current();
    if (!embedder || !classifier) throw new NotReadyError('The router is still loading its embedder and classifier; retry shortly.');

    return withSpan('routewise.route', {}, async (span) => {
      const request = parseChatRequest(body);
      const features = extractFeatures(request, config.policy.default_output_tokens);
      const description = describeTask(request.messages);
      const embedding = await embedTask(embedder, description);
      const prediction = classifyTask(classifier, embedding, description);
      const outcome = headers.taskOverride
        ? { task: headers.taskOverride, source: 'classifier' as const, fallback: { asked: false as const }, taskSource: 'header' as const }
        : await withSpan('routewise.fallback', {}, async () => {
            const resolved = await resolveUncertainTask(prediction, description, this.fallbackThreshold(classifier), askFallback ? fallback : null);
            return { ...resolved, taskSource: resolved.source };
          });
      const decision = choosePolicy(policy, { model: request.model, features, headers, task: outcome.task, taskSource: outcome.taskSource });
      const expectedOutput = features.outputLimitGiven
        ? Math.min(features.requestedOutputTokens, config.policy.expected_output_tokens[outcome.task])
        : config.policy.expected_output_tokens[outcome.task];
      const routingMs = performance.now() - startedAt;
      span.setAttributes({
        'routewise.task': outcome.task,
        'routewise.confidence': prediction.confidence,
        'routewise.route_source': decision.source,
        'routewise.model': decision.model.id,
        'routewise.prompt_tokens': features.promptTokens,
        'routewise.routing_ms': routingMs,
      });
      return {
        requestId: `req_${randomUUID().replace(/-/g, '')}`,
        startedAt,
        request,
        headers,
        features,
        description,
        prediction,
        outcome,
        decision,
        estimatedCostUsd: estimateCost(decision.model, features.promptTokens, expectedOutput),
        embedderId: embedder.id,
        classifierVersion: classifier.version,
        featureLayout: classifier.featureLayout,
        promptHash: createHash('sha256').update(description.text).digest('hex'),
        promptText: this.dependencies.storePrompts ? storableText(description.text) : null,
        routingMs,
      };
    });
  }
}
