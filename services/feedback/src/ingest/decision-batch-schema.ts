import { z } from 'zod';
import type { NewDecision } from '@routewise/database';
import { MAX_NGRAM_DIMENSION } from '@routewise/embedder';
import { TASK_LABELS } from '@routewise/taxonomy';
import { identifier, storedText } from './stored-text-schema';

/** Column limits: Postgres `integer` and `real` overflow into an error, so out-of-range values are refused per item. */
const INTEGER_MAX = 2_147_483_647;
const REAL_MAX = 3.4e38;
/** Base64 characters of one row's packed n-gram counts: 49,152 entries, several times what a long request yields. */
const NGRAM_COUNTS_MAX_LENGTH = 262_144;
const count = z.number().int().nonnegative().max(INTEGER_MAX);
const milliseconds = z.number().nonnegative().max(1e9);
const usd = z.number().nonnegative().max(1e9);
const probability = z.number().min(0).max(1);
const task = z.enum(TASK_LABELS, { error: `must be one of ${TASK_LABELS.join(', ')}` });
const real = z.number().min(-REAL_MAX).max(REAL_MAX);

/** The classifier's FeatureLayout. Whether a row fits it is checked by whoever trains on it (`fromWireFeatureRow`). */
const featureLayout = z.object({
  embeddingDimension: count.max(100_000),
  ngramDimension: count
    .min(1)
    .max(MAX_NGRAM_DIMENSION)
    .refine((dimension) => (dimension & (dimension - 1)) === 0, { error: 'must be a power of two' }),
  ngramScheme: storedText(64),
  shapeFeatureCount: count.max(1_000),
});

/** Packed n-gram counts: base64 of little-endian uint32 entries, so a whole number of 4-byte entries once decoded. */
const packedNgramCounts = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a base64 string') })
  .max(NGRAM_COUNTS_MAX_LENGTH, { error: (issue) => `must be at most ${NGRAM_COUNTS_MAX_LENGTH.toLocaleString('en-US')} characters (got ${String((issue.input as string).length)})` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64 (A–Z, a–z, 0–9, + and /, then at most two =)' })
  .superRefine((value, context) => {
    if (value.length % 4 !== 0) context.addIssue({ code: 'custom', message: 'must be padded base64, a multiple of 4 characters long' });
    else if (decodedLength(value) % 4 !== 0) context.addIssue({ code: 'custom', message: 'must decode to whole 32-bit entries (a multiple of 4 bytes)' });
  });

/** A feature row as routers send it (the classifier's WireFeatureRow): the dense part and the packed n-gram counts. */
const featureRow = z.object({
  dense: z.array(real).max(4096),
  ngrams: packedNgramCounts,
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
  features: featureRow.nullable().optional(),
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
    features: decision.features?.dense ?? null,
    ngram_counts: decision.features?.ngrams ?? null,
    feature_layout: decision.featureLayout ?? null,
    cascade: decision.cascade ? { attempts: decision.cascade } : null,
  };
}

/** Bytes a padded base64 string decodes to. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}
