import { encodeNgramCounts, NGRAM_SCHEME } from '@routewise/embedder';

/** The feature layout of `wireDecision`'s row: a one-number embedding, one shape feature, n-grams in 8 buckets. */
export const WIRE_FEATURE_LAYOUT = { embeddingDimension: 1, ngramDimension: 8, ngramScheme: NGRAM_SCHEME, shapeFeatureCount: 1 };

/** A wire feature row (the classifier's WireFeatureRow) with this dense part and packed n-gram entries (`bucket << 14 | count`). */
export function wireFeatures(dense: number[], ngramEntries: number[] = [(1 << 14) | 1, (5 << 14) | 2]) {
  return { dense, ngrams: encodeNgramCounts(Uint32Array.from(ngramEntries)) };
}

/** A router's decision record as it arrives at POST /v1/decisions: minimal but valid; `overrides` change any field. */
export function wireDecision(requestId: string, overrides: Record<string, unknown> = {}) {
  return {
    requestId, createdAt: new Date().toISOString(), kind: 'completion', task: 'chat', confidence: 0.9, probabilities: { chat: 0.9 },
    classifierTask: 'chat', source: 'classifier', reason: 'test', rule: null, model: 'gpt-4o', provider: 'openai',
    fallbackModel: null, fallbackCostUsd: 0, stream: false, simulated: true, userTier: null, promptTokens: 10,
    completionTokens: 10, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0.0001, costEstimated: false, routingMs: 1,
    upstreamMs: 1, totalMs: 2, embedderId: 'local:test@000000000000', classifierVersion: 'v', status: 'ok', errorCode: null,
    promptHash: 'b'.repeat(64), features: wireFeatures([0.5, 1]), featureLayout: WIRE_FEATURE_LAYOUT,
    ...overrides,
  };
}
