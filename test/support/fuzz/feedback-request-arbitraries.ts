import fc from 'fast-check';
import { jsonObject, jsonString, type JsonSpec } from './json-spec';
import { applyMutations } from './json-spec-mutation';
import { hexString, longRun, oddScalar, oddString, oddValue, PROTOTYPE_KEYS, someMutations, specialString } from './odd-value-arbitraries';

export interface FeedbackRequestContext {
  /** Ids of requests the router really served, so some feedback finds its decision and is stored. */
  knownRequestIds: readonly string[];
  taskLabels: readonly string[];
  modelIds: readonly string[];
}

/** A near-valid `{request_id, rating, task?, model?, comment?}`, then zero to three mutations. */
export function feedbackRequestBody(context: FeedbackRequestContext): fc.Arbitrary<JsonSpec> {
  return fc.tuple(feedbackRequest(context), someMutations()).map(([request, mutations]) => applyMutations(request, mutations));
}

function feedbackRequest(context: FeedbackRequestContext): fc.Arbitrary<JsonSpec> {
  const knownIds = context.knownRequestIds.length > 0 ? [fc.constantFrom(...context.knownRequestIds)] : [];
  const requestId = fc.oneof(
    ...knownIds.map((arbitrary) => ({ arbitrary: arbitrary.map(jsonString), weight: 6 })),
    { arbitrary: hexString(32).map((hex) => jsonString(`req_${hex}`)), weight: 2 },
    { arbitrary: fc.constantFrom('', 'req_', `req_${'0'.repeat(197)}`, `req_${'0'.repeat(196)}`, ...PROTOTYPE_KEYS).map(jsonString), weight: 1 },
    { arbitrary: specialString().map(jsonString), weight: 1 },
    { arbitrary: longRun(), weight: 1 },
    { arbitrary: oddScalar(), weight: 1 },
  );
  const rating = fc.oneof({ arbitrary: fc.constantFrom('up', 'down').map(jsonString), weight: 6 }, { arbitrary: fc.constantFrom('UP', 'meh', '', ...PROTOTYPE_KEYS).map(jsonString), weight: 1 }, { arbitrary: oddScalar(), weight: 1 });
  const task = fc.oneof({ arbitrary: fc.constantFrom(...context.taskLabels).map(jsonString), weight: 4 }, { arbitrary: fc.constantFrom('Code', 'poetry', '', ...PROTOTYPE_KEYS).map(jsonString), weight: 1 }, { arbitrary: oddValue(), weight: 1 });
  const model = fc.oneof({ arbitrary: fc.constantFrom(...context.modelIds).map(jsonString), weight: 4 }, { arbitrary: fc.constantFrom('gpt-99', '', 'auto', ...PROTOTYPE_KEYS).map(jsonString), weight: 1 }, { arbitrary: oddValue(), weight: 1 });
  const comment = fc.oneof(
    { arbitrary: fc.constantFrom('great answer', 'wrong task', 'a\u0000b', '\u0000', '\ud800', '👍🏽 مرحبا e\u0301').map(jsonString), weight: 4 },
    { arbitrary: oddString().map(jsonString), weight: 2 },
    { arbitrary: longRun(), weight: 1 },
    { arbitrary: oddValue(), weight: 1 },
  );
  return fc.record({ request_id: requestId, rating, task, model, comment }, { requiredKeys: ['request_id', 'rating'] }).map((fields) => jsonObject(fields));
}
