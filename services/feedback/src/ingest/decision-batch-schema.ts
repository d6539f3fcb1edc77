import { z } from 'zod';
import type { NewDecision } from '@routewise/database';

const featureLayout = z.object({
  embeddingDimension: z.number().int().nonnegative(),
  wordDimension: z.number().int().nonnegative(),
  shapeFeatureCount: z.number().int().nonnegative(),
});

/** One decision as routers send it (the router's DecisionRecord). Unknown fields are ignored. */
const decisionSchema = z.object({
  requestId: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  kind: z.enum(['route', 'completion']),
  task: z.string().min(1),
  confidence: z.number(),
  probabilities: z.record(z.string(), z.number()),
  classifierTask: z.string().min(1),
  source: z.enum(['pinned', 'rule', 'classifier', 'llm', 'learned']),
  reason: z.string(),
  rule: z.string().nullable(),
  model: z.string().min(1),
  provider: z.string().min(1),
  fallbackModel: z.string().nullable(),
  fallbackCostUsd: z.number(),
  stream: z.boolean(),
  simulated: z.boolean(),
  userTier: z.string().nullable(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  costEstimated: z.boolean(),
  routingMs: z.number(),
  upstreamMs: z.number(),
  totalMs: z.number(),
  embedderId: z.string(),
  classifierVersion: z.string(),
  status: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  promptHash: z.string().min(1),
  promptText: z.string().nullable().optional(),
  callerKeyHash: z.string().nullable().optional(),
  features: z.array(z.number()).nullable().optional(),
  featureLayout: featureLayout.nullable().optional(),
  cascade: z
    .array(z.object({ model: z.string(), passed: z.boolean(), failed: z.string().nullable(), reason: z.string(), costUsd: z.number() }))
    .nullable()
    .optional(),
});

export const decisionBatchSchema = z.object({ decisions: z.array(decisionSchema).max(5_000) });

export type DecisionBatch = z.infer<typeof decisionBatchSchema>;

/** A received decision as a row; the prompt text is kept only when the service stores prompts. */
export function toDecisionRow(decision: DecisionBatch['decisions'][number], storePrompts: boolean): NewDecision {
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
