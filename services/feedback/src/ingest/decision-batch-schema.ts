import { z } from 'zod';
import type { NewDecision } from '@routewise/database';
import { TASK_LABELS } from '@routewise/taxonomy';
import { identifier, storedText } from './stored-text-schema';

/** Column limits: Postgres `integer` and `real` overflow into an error, so out-of-range values are refused per item. */
const INTEGER_MAX = 2_147_483_647;
const REAL_MAX = 3.4e38;
const count = z.number().int().nonnegative().max(INTEGER_MAX);
const milliseconds = z.number().nonnegative().max(1e9);
const usd = z.number().nonnegative().max(1e9);
const probability = z.number().min(0).max(1);
const task = z.enum(TASK_LABELS, { error: `must be one of ${TASK_LABELS.join(', ')}` });

const featureLayout = z.object({
  embeddingDimension: count.max(100_000),
  wordDimension: count.max(100_000),
  shapeFeatureCount: count.max(1_000),
});

/** One decision as routers send it (the router's DecisionRecord). Unknown fields are ignored. */
export const decisionSchema = z.object({
  requestId: identifier(),
  createdAt: z.iso.datetime(),
  kind: z.enum(['route', 'completion']),
  task,
  confidence: probability,
  probabilities: z.partialRecord(task, probability),
  classifierTask: task,
  source: z.enum(['pinned', 'rule', 'classifier', 'llm', 'learned']),
  reason: storedText(2_000),
  rule: storedText(200).nullable(),
  model: identifier(),
  provider: identifier(),
  fallbackModel: identifier().nullable(),
  fallbackCostUsd: usd,
  stream: z.boolean(),
  simulated: z.boolean(),
  userTier: storedText(200).nullable(),
  promptTokens: count,
  completionTokens: count,
  cachedInputTokens: count,
  reasoningTokens: count,
  costUsd: usd,
  costEstimated: z.boolean(),
  routingMs: milliseconds,
  upstreamMs: milliseconds,
  totalMs: milliseconds,
  embedderId: storedText(500),
  classifierVersion: storedText(200),
  status: z.enum(['ok', 'error']),
  errorCode: storedText(100).nullable(),
  promptHash: identifier(128),
  promptText: storedText(100_000).nullable().optional(),
  callerKeyHash: identifier(64).nullable().optional(),
  features: z.array(z.number().min(-REAL_MAX).max(REAL_MAX)).max(100_000).nullable().optional(),
  featureLayout: featureLayout.nullable().optional(),
  cascade: z
    .array(z.object({ model: identifier(), passed: z.boolean(), failed: storedText(100).nullable(), reason: storedText(2_000), costUsd: usd }))
    .max(10)
    .nullable()
    .optional(),
});

/** The envelope; each decision in it is validated on its own, so one bad item does not cost its siblings. */
export const decisionBatchSchema = z.object({ decisions: z.array(z.unknown(), { error: 'must be an array of decisions' }).max(1_000) });

export type ReceivedDecision = z.infer<typeof decisionSchema>;

/** A received decision as a row; the prompt text is kept only when the service stores prompts. */
export function toDecisionRow(decision: ReceivedDecision, storePrompts: boolean): NewDecision {
  return {
    request_id: decision.requestId,
    created_at: decision.createdAt,
    kind: decision.kind,
    task: decision.task,
    confidence: decision.confidence,
    probabilities: decision.probabilities,
    classifier_task: decision.classifierTask,
    source: decision.source,
    reason: decision.reason,
    rule: decision.rule,
    model: decision.model,
    provider: decision.provider,
    fallback_model: decision.fallbackModel,
    fallback_cost_usd: decision.fallbackCostUsd,
    stream: decision.stream,
    simulated: decision.simulated,
    user_tier: decision.userTier,
    caller_key_hash: decision.callerKeyHash ?? null,
    prompt_tokens: decision.promptTokens,
    completion_tokens: decision.completionTokens,
    cached_input_tokens: decision.cachedInputTokens,
    reasoning_tokens: decision.reasoningTokens,
    cost_usd: decision.costUsd,
    cost_estimated: decision.costEstimated,
    routing_ms: decision.routingMs,
    upstream_ms: decision.upstreamMs,
    total_ms: decision.totalMs,
    embedder_id: decision.embedderId,
    classifier_version: decision.classifierVersion,
    status: decision.status,
    error_code: decision.errorCode,
    prompt_hash: decision.promptHash,
    prompt_text: storePrompts ? (decision.promptText ?? null) : null,
    features: decision.features ?? null,
    feature_layout: decision.featureLayout ?? null,
    cascade: decision.cascade ? { attempts: decision.cascade } : null,
  };
}
