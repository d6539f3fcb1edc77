import fc from 'fast-check';
import { jsonArray, jsonNumber, jsonObject, jsonString, type JsonSpec } from './json-spec';
import type { JsonMutation } from './json-spec-mutation';

/** Keys that name something on Object.prototype (or that promise or JSON machinery looks for). */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'toJSON',
  'then',
] as const;

/** Strings that trip text handling: NUL, lone surrogates, emoji and ZWJ sequences, RTL, combining marks, injections. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '\u202eevil.exe',
  'مرحبا بالعالم',
  'שלום עולם',
  'e\u0301\u0302\u0303\u0304\u0305\u0306',
  '\ufeff',
  '\u2028\u2029',
  '\uffff\ufffe',
  '\u0085\u00a0',
  '\r\n\r\n',
  '\\',
  '"',
  "'; DROP TABLE decisions; --",
  '%s%n%x',
  '${process.exit()}',
  '../../../etc/passwd',
  'undefined',
  'null',
  'NaN',
  '0',
  '-1',
  ...PROTOTYPE_KEYS,
];

/** Number literals at the edges: -0, overflow to Infinity, underflow, beyond 2^53, exponents. */
const NUMBER_LITERALS = [
  '0',
  '-0',
  '1',
  '-1',
  '0.5',
  '1.5',
  '-2.5',
  '1e308',
  '-1e308',
  '1e309',
  '-1e309',
  '1e-400',
  '5e-324',
  '4294967296',
  '9007199254740993',
  '1E2',
  '1e+2',
  '1e-2',
  '0.1e1',
  '2147483648',
  '-2147483649',
  '123456789012345678901234567890',
];

/** Not JSON at all; one of these makes the whole document invalid. */
const BROKEN_LITERALS = ['NaN', 'Infinity', '-Infinity', '01', '+1', '.5', '1.', '0x1f', '1_000', '1e', 'undefined', "'single'", 'tru'];

export function specialString(): fc.Arbitrary<string> {
  return fc.constantFrom(...SPECIAL_STRINGS);
}

/** Lower-case hex, e.g. for ids. */
export function hexString(length: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
}

/** Short odd strings: the special ones, any code points (lone surrogates included), graphemes, ASCII. */
export function oddString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: specialString(), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  );
}

/** Long runs of one unit: up to about 200,000 characters. */
export function longRun(): fc.Arbitrary<JsonSpec> {
  return fc.record({
    kind: fc.constant('run' as const),
    unit: fc.constantFrom('a', ' ', '\u0000', '😀', '\ud800', 'e\u0301', '{', '\\', '"', 'word ', '\n', '1'),
    count: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 2 },
      { arbitrary: fc.integer({ min: 1_000, max: 20_000 }), weight: 2 },
      { arbitrary: fc.integer({ min: 100_000, max: 200_000 }), weight: 1 },
    ),
  });
}

export function oddNumber(): fc.Arbitrary<JsonSpec> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NUMBER_LITERALS).map((text): JsonSpec => ({ kind: 'literal', text })), weight: 4 },
    { arbitrary: fc.double().map(jsonNumber), weight: 1 },
    { arbitrary: fc.integer().map(jsonNumber), weight: 1 },
  );
}

/** An odd scalar: string, number, boolean, null, and now and then text that is not JSON. */
export function oddScalar(): fc.Arbitrary<JsonSpec> {
  return fc.oneof(
    { arbitrary: oddString().map(jsonString), weight: 4 },
    { arbitrary: oddNumber(), weight: 3 },
    { arbitrary: fc.constantFrom('true', 'false', 'null').map((text): JsonSpec => ({ kind: 'literal', text })), weight: 2 },
    { arbitrary: fc.constantFrom(...BROKEN_LITERALS).map((text): JsonSpec => ({ kind: 'literal', text })), weight: 1 },
  );
}

export function oddKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 4 },
    { arbitrary: fc.constantFrom('model', 'messages', 'role', 'content', 'type', 'stream', 'tools', 'routewise', 'properties', 'items', '$ref', ''), weight: 2 },
    { arbitrary: oddString(), weight: 2 },
  );
}

/** Nesting a few levels deep up to 20,000 levels, in arrays or in objects under one key. */
export function deepNesting(leaf: fc.Arbitrary<JsonSpec> = oddScalar()): fc.Arbitrary<JsonSpec> {
  return fc.record({
    kind: fc.constant('nest' as const),
    depth: fc.oneof(
      { arbitrary: fc.integer({ min: 2, max: 64 }), weight: 3 },
      { arbitrary: fc.integer({ min: 500, max: 5_000 }), weight: 2 },
      { arbitrary: fc.integer({ min: 5_000, max: 20_000 }), weight: 1 },
    ),
    container: fc.constantFrom('array' as const, 'object' as const),
    key: fc.oneof(fc.constantFrom('a', 'properties', 'items'), fc.constantFrom(...PROTOTYPE_KEYS)),
    leaf,
  });
}

/** Many keys or many items: tens up to 20,000; `container` fixes which. */
export function wideStructure(item: fc.Arbitrary<JsonSpec> = oddScalar(), container?: 'array' | 'object'): fc.Arbitrary<JsonSpec> {
  return fc.record({
    kind: fc.constant('wide' as const),
    count: fc.oneof({ arbitrary: fc.integer({ min: 10, max: 200 }), weight: 3 }, { arbitrary: fc.integer({ min: 1_000, max: 20_000 }), weight: 1 }),
    container: container ? fc.constant(container) : fc.constantFrom('array' as const, 'object' as const),
    key: fc.oneof(fc.constantFrom('k', 'model', 'role'), fc.constantFrom(...PROTOTYPE_KEYS)),
    item,
  });
}

/** A small object whose keys are odd (prototype keys above all). */
export function oddObject(): fc.Arbitrary<JsonSpec> {
  return fc.array(fc.tuple(oddKey(), oddScalar()), { minLength: 1, maxLength: 4 }).map((entries) => jsonObject(entries));
}

/** Any odd value: scalars mostly, sometimes long, deep, wide or keyed by prototype names. */
export function oddValue(): fc.Arbitrary<JsonSpec> {
  return fc.oneof(
    { arbitrary: oddScalar(), weight: 6 },
    { arbitrary: longRun(), weight: 1 },
    { arbitrary: deepNesting(), weight: 1 },
    { arbitrary: wideStructure(), weight: 1 },
    { arbitrary: oddObject(), weight: 2 },
    { arbitrary: fc.array(oddScalar(), { maxLength: 4 }).map(jsonArray), weight: 1 },
  );
}

export function jsonMutation(): fc.Arbitrary<JsonMutation> {
  const target = fc.nat();
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('replace' as const), target, value: oddValue() }), weight: 4 },
    {
      arbitrary: fc.record({
        kind: fc.constant('wrap' as const),
        target,
        depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1_000, max: 8_000 })),
        container: fc.constantFrom('array' as const, 'object' as const),
        key: fc.oneof(fc.constant('a'), fc.constantFrom(...PROTOTYPE_KEYS)),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('add-entry' as const), target, key: oddKey(), value: oddValue() }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('drop-child' as const), target, child: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('duplicate-child' as const), target, child: fc.nat() }), weight: 1 },
  );
}

/** Half the time none, otherwise one to three mutations. */
export function someMutations(): fc.Arbitrary<JsonMutation[]> {
  return fc.oneof({ arbitrary: fc.constant<JsonMutation[]>([]), weight: 1 }, { arbitrary: fc.array(jsonMutation(), { minLength: 1, maxLength: 3 }), weight: 1 });
}
