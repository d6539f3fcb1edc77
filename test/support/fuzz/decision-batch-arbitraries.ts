import fc from 'fast-check';
import { jsonArray, jsonBoolean, jsonNull, jsonNumber, jsonObject, jsonString, type JsonSpec } from './json-spec';
import { applyMutations } from './json-spec-mutation';
import { hexString, jsonMutation, oddValue, wideStructure } from './odd-value-arbitraries';

export interface DecisionBatchContext {
  taskLabels: readonly string[];
  modelIds: readonly string[];
}

/**
 * `{decisions: [...]}` as routers send it (services/feedback/src/ingest/decision-batch-schema.ts): one to five
 * valid decisions with fresh ids, one or more of them broken by mutations; now and then a batch past the
 * 5,000-decision limit, or a body that is not a batch at all.
 */
export function decisionBatchBody(context: DecisionBatchContext): fc.Arbitrary<JsonSpec> {
  const brokenDecision = fc.tuple(decision(context), fc.array(jsonMutation(), { maxLength: 3 })).map(([valid, mutations]) => applyMutations(valid, mutations));
  return fc.oneof(
    { arbitrary: fc.array(brokenDecision, { minLength: 1, maxLength: 5 }).map((decisions) => jsonObject({ decisions: jsonArray(decisions) })), weight: 12 },
    { arbitrary: fc.constant(jsonObject({ decisions: jsonArray([]) })), weight: 1 },
    {
      arbitrary: fc.tuple(decision(context), fc.integer({ min: 4_990, max: 5_010 })).map(([one, count]) => jsonObject({ decisions: { kind: 'wide', count, container: 'array', key: '', item: one } })),
      weight: 1,
    },
    { arbitrary: wideStructure(decision(context), 'array').map((wide) => jsonObject({ decisions: wide })), weight: 1 },
    { arbitrary: fc.tuple(jsonMutation(), decision(context)).map(([mutation, one]) => applyMutations(jsonObject({ decisions: jsonArray([one]) }), [mutation])), weight: 1 },
    { arbitrary: oddValue(), weight: 1 },
  );
}

function decision(context: DecisionBatchContext): fc.Arbitrary<JsonSpec> {
  return fc
    .record({
      id: hexString(32),
      task: fc.constantFrom(...context.taskLabels),
      model: fc.constantFrom(...context.modelIds),
      kind: fc.constantFrom('route', 'completion'),
      stream: fc.boolean(),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      promptTokens: fc.nat({ max: 100_000 }),
      withFeatures: fc.boolean(),
      // Packed n-gram entries (bucket << 14 | family << 12 | count) in the layout's 8 buckets.
      ngramEntries: fc.array(fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 2 }), fc.integer({ min: 1, max: 0x7ff })), { maxLength: 6 }),
    })
    .map(({ id, task, model, kind, stream, confidence, promptTokens, withFeatures, ngramEntries }) =>
      jsonObject({
        requestId: jsonString(`req_fuzz${id}`),
        createdAt: jsonString(new Date(Date.UTC(2026, 10, 27, 12, 0, 0)).toISOString()),
        kind: jsonString(kind),
        task: jsonString(task),
        confidence: jsonNumber(confidence),
        probabilities: jsonObject(context.taskLabels.map((label) => [label, jsonNumber(label === task ? confidence : (1 - confidence) / (context.taskLabels.length - 1))] as const)),
        classifierTask: jsonString(task),
        source: jsonString('classifier'),
        reason: jsonString(`task '${task}' (from the classifier) maps to ${model}`),
        rule: jsonNull,
        model: jsonString(model),
        provider: jsonString('openai'),
        fallbackModel: jsonNull,
        fallbackCostUsd: jsonNumber(0),
        stream: jsonBoolean(stream),
        simulated: jsonBoolean(true),
        userTier: jsonNull,
        promptTokens: jsonNumber(promptTokens),
        completionTokens: jsonNumber(12),
        cachedInputTokens: jsonNumber(0),
        reasoningTokens: jsonNumber(0),
        costUsd: jsonNumber(0.0001),
        costEstimated: jsonBoolean(false),
        routingMs: jsonNumber(1.5),
        upstreamMs: jsonNumber(0),
        totalMs: jsonNumber(1.5),
        embedderId: jsonString('local:routewise-static-en-64@fuzz'),
        classifierVersion: jsonString('20261127T000000Z-fuzz0000'),
        status: jsonString('ok'),
        errorCode: jsonNull,
        promptHash: jsonString(id.padEnd(64, '0')),
        promptText: jsonNull,
        callerKeyHash: jsonNull,
        features: withFeatures ? jsonObject({ dense: jsonArray([0.1, -0.2, 0.3].map(jsonNumber)), ngrams: jsonString(packNgramEntries(ngramEntries)) }) : jsonNull,
        featureLayout: withFeatures
          ? jsonObject({ embeddingDimension: jsonNumber(2), ngramDimension: jsonNumber(8), ngramScheme: jsonString('ngram-counts/v1'), shapeFeatureCount: jsonNumber(1) })
          : jsonNull,
        cascade: jsonNull,
      }),
    );
}

/** Sorted packed n-gram counts as base64 of little-endian uint32 entries, the way routers send them. */
function packNgramEntries(entries: readonly (readonly [bucket: number, family: number, count: number])[]): string {
  const packed = Uint32Array.from(entries, ([bucket, family, count]) => ((bucket << 14) | (family << 12) | count) >>> 0).sort();
  return Buffer.from(packed.buffer).toString('base64');
}
