import type { NewClassifierVersion, NewDecision, NewTrainingExample } from '@routewise/database';

/**
 * Packed n-gram counts as routers send them: base64 of little-endian uint32 entries (bucket in the top 18 bits, then
 * family, sign and count). Two entries: bucket 1, word, count 2; bucket 5, character n-gram, count 1.
 */
export const EXAMPLE_NGRAM_COUNTS = packNgramCounts([(1 << 14) | 2, (5 << 14) | (2 << 12) | 1]);

export function packNgramCounts(entries: readonly number[]): string {
  return Buffer.from(Uint32Array.from(entries).buffer).toString('base64');
}

/** A complete decision as a router would ship it; tests override what they look at. */
export function exampleDecision(overrides: Partial<NewDecision> & Pick<NewDecision, 'request_id'>): NewDecision {
  return {
    created_at: new Date('2026-11-27T10:00:00.000Z'),
    kind: 'completion',
    task: 'code_generation',
    confidence: 0.82,
    probabilities: { code_generation: 0.82, chat: 0.18 },
    classifier_task: 'code_generation',
    source: 'classifier',
    reason: 'classifier: code_generation (0.82)',
    rule: null,
    model: 'gpt-4o-mini',
    provider: 'openai',
    fallback_model: null,
    fallback_cost_usd: 0,
    stream: false,
    simulated: true,
    user_tier: null,
    caller_key_hash: null,
    prompt_tokens: 120,
    completion_tokens: 300,
    cached_input_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: 0.0002,
    cost_estimated: false,
    routing_ms: 3.5,
    upstream_ms: 812.25,
    total_ms: 816,
    embedder_id: 'routewise-static-en-64',
    classifier_version: 'seed-0001',
    status: 'ok',
    error_code: null,
    prompt_hash: `hash-of-${overrides.request_id}`,
    prompt_text: null,
    // The dense part (embedding, then shape features), in values a float4 (real) holds exactly, so they read back unchanged.
    features: [0.5, -1.25, 3],
    ngram_counts: EXAMPLE_NGRAM_COUNTS,
    feature_layout: { embeddingDimension: 2, ngramDimension: 8, ngramScheme: 'ngram-counts/v1', shapeFeatureCount: 1 },
    ...overrides,
  };
}

export function exampleTrainingExample(overrides: Partial<NewTrainingExample> = {}): NewTrainingExample {
  return {
    source: 'seed',
    label: 'chat',
    text: 'hello there',
    split: 'train',
    ...overrides,
  };
}

export function exampleClassifierVersion(version: string, overrides: Partial<NewClassifierVersion> = {}): NewClassifierVersion {
  return {
    version,
    embedder_id: 'routewise-static-en-64',
    artifact: { version, labels: ['chat', 'code_generation'], weights: [[0.25, -0.5]] },
    metrics: { accuracy: 0.9, macroF1: 0.88 },
    status: 'candidate',
    ...overrides,
  };
}
