import fc from 'fast-check';
import { jsonArray, jsonBoolean, jsonNull, jsonNumber, jsonObject, jsonString, type JsonSpec } from './json-spec';
import { applyMutations } from './json-spec-mutation';
import { deepNesting, jsonMutation, longRun, oddKey, oddNumber, oddScalar, oddString, oddValue, PROTOTYPE_KEYS, specialString, wideStructure } from './odd-value-arbitraries';

export interface ChatRequestContext {
  /** Real prompts from the public sets. */
  prompts: readonly string[];
  /** Catalog model ids (pinning, cascades). */
  modelIds: readonly string[];
}

/**
 * `valid`: every field a valid value (the prompt text may still hold NUL, lone surrogates, RTL ...);
 * `mixed`: every field usually valid and now and then odd.
 */
type Mode = 'valid' | 'mixed';

/** The valid value in `valid` mode; in `mixed` mode the valid one most of the time and the odd one now and then. */
function pick(mode: Mode, valid: fc.Arbitrary<JsonSpec>, odd: fc.Arbitrary<JsonSpec>): fc.Arbitrary<JsonSpec> {
  return mode === 'valid' ? valid : fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: odd, weight: 1 });
}

/**
 * Chat requests for /v1/chat/completions and /v1/route: valid ones (so the whole pipeline runs: classify, policy,
 * dispatch, cascades, streams), valid ones with one to three mutations anywhere, and ones with odd values all over.
 */
export function chatRequestBody(context: ChatRequestContext): fc.Arbitrary<JsonSpec> {
  const valid = chatRequest(context, 'valid');
  return fc.oneof(
    { arbitrary: valid, weight: 2 },
    { arbitrary: fc.tuple(valid, fc.array(jsonMutation(), { minLength: 1, maxLength: 3 })).map(([request, mutations]) => applyMutations(request, mutations)), weight: 2 },
    { arbitrary: chatRequest(context, 'mixed'), weight: 1 },
  );
}

/** A real prompt, now and then with an odd string (NUL, a lone surrogate, RTL ...) spliced in; odd strings in `mixed`. */
export function promptText(context: ChatRequestContext, mode: Mode = 'valid'): fc.Arbitrary<string> {
  const real = fc.constantFrom(...context.prompts);
  const spliced = fc.tuple(real, specialString(), fc.double({ min: 0, max: 1, noNaN: true })).map(([prompt, odd, at]) => {
    const index = Math.floor(prompt.length * at);
    return prompt.slice(0, index) + odd + prompt.slice(index);
  });
  return fc.oneof({ arbitrary: real, weight: 6 }, { arbitrary: spliced, weight: 2 }, { arbitrary: mode === 'valid' ? real : oddString(), weight: 2 });
}

function chatRequest(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const count = fc.integer({ min: 1, max: 4096 }).map(jsonNumber);
  return fc
    .record(
      {
        model: modelValue(context, mode),
        messages: messagesValue(context, mode),
        stream: pick(mode, fc.boolean().map(jsonBoolean), oddScalar()),
        stream_options: pick(mode, fc.boolean().map((include) => jsonObject({ include_usage: jsonBoolean(include) })), oddValue()),
        max_tokens: pick(mode, count, fc.oneof(oddNumber(), oddScalar())),
        max_completion_tokens: pick(mode, count, fc.oneof(oddNumber(), oddScalar())),
        n: pick(mode, fc.constant(jsonNumber(1)), fc.oneof(count, oddNumber(), oddScalar())),
        temperature: pick(mode, fc.double({ min: 0, max: 2, noNaN: true }).map(jsonNumber), fc.oneof(oddNumber(), oddScalar())),
        top_p: pick(mode, fc.double({ min: 0, max: 1, noNaN: true }).map(jsonNumber), oddNumber()),
        seed: pick(mode, fc.integer().map(jsonNumber), oddNumber()),
        tools: toolsValue(context, mode),
        tool_choice: pick(
          mode,
          fc.oneof(
            fc.constantFrom('auto', 'none', 'required').map(jsonString),
            fc.constant(jsonObject({ type: jsonString('function'), function: jsonObject({ name: jsonString('get_weather') }) })),
          ),
          oddValue(),
        ),
        response_format: responseFormatValue(mode),
        routewise: routewiseOptionsValue(context, mode),
        user: pick(mode, fc.constantFrom('user-1', 'alice@example.com').map(jsonString), promptText(context, mode).map(jsonString)),
      },
      { requiredKeys: ['model', 'messages'] },
    )
    .chain((fields) =>
      mode === 'valid'
        ? fc.constant(jsonObject(fields))
        : fc
            .option(fc.array(fc.tuple(oddKey(), oddValue()), { minLength: 1, maxLength: 2 }), { freq: 3 })
            .map((extra) => jsonObject([...Object.entries(fields), ...(extra ?? [])])),
    );
}

function modelValue(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const valid = fc.oneof({ arbitrary: fc.constant(jsonString('auto')), weight: 3 }, { arbitrary: fc.constantFrom(...context.modelIds).map(jsonString), weight: 1 });
  return pick(mode, valid, fc.oneof(fc.constantFrom('gpt-5-turbo-max', 'AUTO', ' auto', 'auto\u0000', '', ...PROTOTYPE_KEYS).map(jsonString), oddValue()));
}

function messagesValue(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const one = message(context, mode);
  const valid = fc.oneof({ arbitrary: fc.array(one, { minLength: 1, maxLength: 4 }).map(jsonArray), weight: 12 }, { arbitrary: wideStructure(one, 'array'), weight: 1 });
  return pick(mode, valid, fc.oneof(fc.constant(jsonArray([])), oddValue()));
}

function message(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const text = promptText(context, mode).map(jsonString);
  const name = fc.option(pick(mode, fc.constant(jsonString('alice')), oddString().map(jsonString)), { nil: undefined });
  const valid = fc.oneof(
    { arbitrary: fc.record({ content: userContent(context, mode), name }).map((fields) => jsonObject({ role: jsonString('user'), ...fields })), weight: 12 },
    { arbitrary: fc.record({ content: textContent(context, mode), name }).map((fields) => jsonObject({ role: jsonString('system'), ...fields })), weight: 2 },
    { arbitrary: textContent(context, mode).map((content) => jsonObject({ role: jsonString('developer'), content })), weight: 1 },
    { arbitrary: text.map((content) => jsonObject({ role: jsonString('assistant'), content })), weight: 2 },
    {
      arbitrary: fc
        .record({ content: fc.oneof(text, fc.constant(jsonNull)), tool_calls: fc.array(toolCall(mode), { minLength: 1, maxLength: 2 }).map(jsonArray) }, { requiredKeys: ['tool_calls'] })
        .map((fields) => jsonObject({ role: jsonString('assistant'), ...fields })),
      weight: 1,
    },
    { arbitrary: textContent(context, mode).map((content) => jsonObject({ role: jsonString('tool'), content, tool_call_id: jsonString('call_1') })), weight: 1 },
  );
  const odd = fc.oneof(
    fc.constant(jsonObject({ role: jsonString('assistant') })),
    textContent(context, mode).map((content) => jsonObject({ role: jsonString('tool'), content })),
    fc
      .tuple(fc.oneof(fc.constantFrom('function', 'bot', 'USER', '', ...PROTOTYPE_KEYS).map(jsonString), oddScalar()), userContent(context, mode))
      .map(([role, content]) => jsonObject({ role, content })),
    oddValue(),
  );
  return pick(mode, valid, odd);
}

function textContent(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const valid = fc.oneof(
    { arbitrary: promptText(context, mode).map(jsonString), weight: 8 },
    { arbitrary: fc.array(textPart(context, mode), { minLength: 1, maxLength: 3 }).map(jsonArray), weight: 1 },
    { arbitrary: longRun(), weight: 1 },
  );
  return pick(mode, valid, oddValue());
}

function userContent(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  return fc.oneof({ arbitrary: textContent(context, mode), weight: 6 }, { arbitrary: fc.array(contentPart(context, mode), { minLength: 1, maxLength: 4 }).map(jsonArray), weight: 2 });
}

function textPart(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  return pick(mode, fc.oneof(promptText(context, mode).map(jsonString), longRun()), oddScalar()).map((text) => jsonObject({ type: jsonString('text'), text }));
}

function contentPart(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const imageUrl = pick(
    mode,
    fc.oneof(fc.constantFrom('https://example.com/cat.png', 'http://127.0.0.1:1/x.png', 'data:image/png;base64,iVBORw0KGgo=', 'data:,', 'javascript:alert(1)').map(jsonString), longRun()),
    oddScalar(),
  );
  const valid = fc.oneof(
    { arbitrary: textPart(context, mode), weight: 4 },
    {
      arbitrary: fc
        .record({ url: imageUrl, detail: pick(mode, fc.constantFrom('auto', 'low', 'high').map(jsonString), oddScalar()) }, { requiredKeys: ['url'] })
        .map((image) => jsonObject({ type: jsonString('image_url'), image_url: jsonObject(image) })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(jsonString('UklGRg==')), longRun()), fc.constantFrom('wav', 'mp3', '').map(jsonString))
        .map(([data, format]) => jsonObject({ type: jsonString('input_audio'), input_audio: jsonObject({ data, format }) })),
      weight: 1,
    },
    { arbitrary: fc.constant(jsonObject({ type: jsonString('file'), file: jsonObject({ file_id: jsonString('file-123') }) })), weight: 1 },
  );
  const odd = fc.oneof(
    fc.array(fc.tuple(oddKey(), oddValue()), { maxLength: 3 }).map((entries) => jsonObject({ type: jsonString('file'), file: jsonObject(entries) })),
    fc.tuple(fc.oneof(fc.constantFrom('video', 'TEXT', ...PROTOTYPE_KEYS).map(jsonString), oddScalar()), oddValue()).map(([type, value]) => jsonObject({ type, value })),
    oddValue(),
  );
  return pick(mode, valid, odd);
}

function toolCall(mode: Mode): fc.Arbitrary<JsonSpec> {
  const argumentsText = fc.oneof(fc.constantFrom('{"city":"Paris"}', '{', '', 'null', '[[[[[[[[[[').map(jsonString), longRun());
  return fc
    .record({
      id: pick(mode, fc.constant(jsonString('call_1')), oddString().map(jsonString)),
      type: pick(mode, fc.constant(jsonString('function')), oddScalar()),
      function: fc
        .record({ name: pick(mode, fc.constant(jsonString('get_weather')), oddString().map(jsonString)), arguments: pick(mode, argumentsText, oddValue()) })
        .map((fields) => jsonObject(fields)),
    })
    .map((fields) => jsonObject(fields));
}

/** A JSON schema as tools and response_format carry it: ordinary, deep, wide, prototype-keyed or not a schema. */
function schemaValue(mode: Mode): fc.Arbitrary<JsonSpec> {
  const ordinary = jsonObject({
    type: jsonString('object'),
    properties: jsonObject({ city: jsonObject({ type: jsonString('string') }), days: jsonObject({ type: jsonString('integer'), minimum: jsonNumber(1) }) }),
    required: jsonArray([jsonString('city')]),
  });
  const valid = fc.oneof(
    { arbitrary: fc.constant(ordinary), weight: 6 },
    { arbitrary: wideStructure(fc.constant(jsonObject({ type: jsonString('string') })), 'object').map((wide) => jsonObject({ type: jsonString('object'), properties: wide })), weight: 1 },
    { arbitrary: fc.constantFrom('{"$ref":"#"}', '{"$ref":"#/definitions/x"}', '{"type":"nonsense"}', '{"pattern":"(a+)+$"}').map((text): JsonSpec => ({ kind: 'literal', text })), weight: 1 },
  );
  const odd = fc.oneof(
    deepNesting(fc.constant(ordinary)),
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), oddValue()).map(([key, value]) => jsonObject([['type', jsonString('object')], [key, value]])),
    oddValue(),
  );
  return pick(mode, valid, odd);
}

function toolsValue(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const tool = fc
    .record({
      type: pick(mode, fc.constant(jsonString('function')), oddScalar()),
      function: fc
        .record(
          { name: pick(mode, fc.constant(jsonString('get_weather')), oddString().map(jsonString)), description: promptText(context, mode).map(jsonString), parameters: schemaValue(mode) },
          { requiredKeys: ['name'] },
        )
        .map((fields) => jsonObject(fields)),
    })
    .map((fields) => jsonObject(fields));
  const valid = fc.oneof({ arbitrary: fc.array(tool, { minLength: 1, maxLength: 3 }).map(jsonArray), weight: 6 }, { arbitrary: wideStructure(tool, 'array'), weight: 1 });
  return pick(mode, valid, oddValue());
}

function responseFormatValue(mode: Mode): fc.Arbitrary<JsonSpec> {
  const valid = fc.oneof(
    fc.constant(jsonObject({ type: jsonString('json_object') })),
    fc.constant(jsonObject({ type: jsonString('text') })),
    schemaValue(mode).map((schema) => jsonObject({ type: jsonString('json_schema'), json_schema: jsonObject({ name: jsonString('answer'), schema }) })),
  );
  return pick(mode, valid, oddValue().map((type) => jsonObject({ type })));
}

/** The per-request `routewise` options: cascades over catalog models with checks; odd: unknown models, reserved names. */
function routewiseOptionsValue(context: ChatRequestContext, mode: Mode): fc.Arbitrary<JsonSpec> {
  const valid = fc
    .record(
      {
        cascade: fc.array(fc.constantFrom(...context.modelIds).map(jsonString), { minLength: 1, maxLength: 3 }).map(jsonArray),
        checks: fc.array(fc.constantFrom('json_schema', 'code_parses', 'judge', 'non_empty').map(jsonString), { minLength: 1, maxLength: 3 }).map(jsonArray),
      },
      { requiredKeys: [] },
    )
    .map((fields) => jsonObject(fields));
  const cascadeModel = fc.oneof(
    { arbitrary: fc.constantFrom(...context.modelIds).map(jsonString), weight: 4 },
    { arbitrary: fc.constantFrom('auto', 'no-such-model', '', ...PROTOTYPE_KEYS).map(jsonString), weight: 2 },
    { arbitrary: oddScalar(), weight: 1 },
  );
  const check = fc.oneof(
    { arbitrary: fc.constantFrom('json_schema', 'code_parses', 'judge', 'non_empty').map(jsonString), weight: 4 },
    { arbitrary: fc.constantFrom('', 'all', ...PROTOTYPE_KEYS).map(jsonString), weight: 1 },
    { arbitrary: oddScalar(), weight: 1 },
  );
  const odd = fc.oneof(
    fc
      .record(
        {
          cascade: fc.array(cascadeModel, { maxLength: 7 }).map(jsonArray),
          checks: fc.array(check, { maxLength: 5 }).map(jsonArray),
          // Names the architecture reserves for coming capabilities.
          quality: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map(jsonNumber), oddNumber()),
          fallbacks: fc.array(cascadeModel, { maxLength: 3 }).map(jsonArray),
        },
        { requiredKeys: [] },
      )
      .map((fields) => jsonObject(fields)),
    oddValue(),
  );
  return pick(mode, valid, odd);
}
