/** A router's decision record as it arrives at POST /v1/decisions: minimal but valid; `overrides` change any field. */
export function wireDecision(requestId: string, overrides: Record<string, unknown> = {}) {
  return {
    requestId, createdAt: new Date().toISOString(), kind: 'completion', task: 'chat', confidence: 0.9, probabilities: { chat: 0.9 },
    classifierTask: 'chat', source: 'classifier', reason: 'test', rule: null, model: 'gpt-4o', provider: 'openai',
    fallbackModel: null, fallbackCostUsd: 0, stream: false, simulated: true, userTier: null, promptTokens: 10,
    completionTokens: 10, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0.0001, costEstimated: false, routingMs: 1,
    upstreamMs: 1, totalMs: 2, embedderId: 'local:test@000000000000', classifierVersion: 'v', status: 'ok', errorCode: null,
    promptHash: 'b'.repeat(64), features: [0.5, 0, 1], featureLayout: { embeddingDimension: 1, wordDimension: 1, shapeFeatureCount: 1 },
    ...overrides,
  };
}
