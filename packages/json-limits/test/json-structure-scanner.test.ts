import fc from 'fast-check';
import { JsonStructureScanner } from '../src/index';

const LOOSE = { maxDepth: 10_000, maxValues: 10_000_000 };

/** Feeds `text` to a fresh scanner in pieces of `pieceSize` bytes; returns the error message, or null. */
function scan(text: string, limits = LOOSE, pieceSize = Number.POSITIVE_INFINITY): string | null {
  const bytes = Buffer.from(text);
  const scanner = new JsonStructureScanner(limits);
  try {
    const size = Math.min(pieceSize, bytes.length || 1);
    for (let start = 0; start < bytes.length; start += size) scanner.write(bytes.subarray(start, start + size));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function scanError(text: string, limits = LOOSE, pieceSize?: number): { message: string; param: string | null } {
  const bytes = Buffer.from(text);
  const scanner = new JsonStructureScanner(limits);
  const size = pieceSize ?? bytes.length;
  try {
    for (let start = 0; start < bytes.length; start += size) scanner.write(bytes.subarray(start, start + size));
  } catch (error) {
    return { message: (error as Error).message, param: (error as { param: string | null }).param };
  }
  throw new Error(`expected the scanner to refuse ${text.slice(0, 80)}`);
}

/** Nesting depth of a parsed value, computed independently of the scanner: the body itself is level 1. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child)), 0);
}

describe('JsonStructureScanner', () => {
  it('allows nesting up to the limit and refuses one level more, naming the field', () => {
    const nested = (levels: number) => `{"tools":[{"function":{"parameters":${'['.repeat(levels - 4)}${']'.repeat(levels - 4)}}}]}`;
    expect(depthOf(JSON.parse(nested(64)))).toBe(64);
    expect(scan(nested(64), { maxDepth: 64, maxValues: 1000 })).toBeNull();
    const error = scanError(nested(65), { maxDepth: 64, maxValues: 1000 });
    expect(error.param).toBe('tools[0].function.parameters[0][0][0][0]…');
    expect(error.message).toContain('nested more than 64 levels');
  });

  it('refuses a body with more values than the limit, at the container being filled', () => {
    const items = (count: number) => JSON.stringify({ messages: Array.from({ length: count }, () => 1) });
    // The object, the array and the array's 99 commas: 101 values for 100 items.
    expect(scan(items(100), { maxDepth: 64, maxValues: 101 })).toBeNull();
    const error = scanError(items(101), { maxDepth: 64, maxValues: 101 });
    expect(error.param).toBe('messages[100]');
    expect(error.message).toContain('more than 101 JSON values');
  });

  it('ignores brackets, commas, colons and escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[[[[{{{{,,,,::::"\\"\\\\"]]]]', b: ['\\', '"', '\\"'] });
    expect(scan(text, { maxDepth: 2, maxValues: 5 })).toBeNull();
  });

  it('refuses __proto__ and constructor.prototype keys, escaped or not, but not look-alikes', () => {
    expect(scanError('{"__proto__": {"admin": true}}').param).toBe('__proto__');
    expect(scanError('{"a": [{"b": 1, "__proto__": 1}]}').param).toBe('a[0].__proto__');
    expect(scanError('{"\\u005f_proto\\u005f_": 1}').param).toBe('__proto__');
    expect(scanError('{"constructor": {"prototype": {"polluted": 1}}}').param).toBe('constructor.prototype');
    expect(scan('{"constructor": 1, "prototype": 2, "__proto": 3, "__proto__x": 4, "proto_____": 5}')).toBeNull();
    expect(scan('{"a": "__proto__", "b": ["__proto__"]}')).toBeNull();
  });

  it('gives the same verdict whatever the piece boundaries', () => {
    const texts = [
      '{"a\\"b": "c\\\\", "d": ["\\\\\\"", {"e": "[\\u005d"}], "__proto_": 1}',
      `{"long": "${'\\"'.repeat(200)}", "x": [[[1]]]}`,
      `{"k${'é'.repeat(50)}": "${'中'.repeat(100)}"}`,
      '{"\\u005f_proto\\u005f_": 1}',
      `{"deep": ${'['.repeat(9)}${']'.repeat(9)}}`,
    ];
    for (const text of texts) {
      const whole = scan(text, { maxDepth: 8, maxValues: 100 });
      for (const size of [1, 2, 3, 5, 7, 13]) expect(scan(text, { maxDepth: 8, maxValues: 100 }, size)).toBe(whole);
    }
    expect(scan(texts[3]!)).not.toBeNull();
    expect(scan(texts[4]!, { maxDepth: 8, maxValues: 100 })).not.toBeNull();
  });

  it('measures the depth of any JSON value as JSON.parse sees it, in any pieces', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 64 }), (value, pieceSize) => {
        const text = JSON.stringify(value);
        const depth = depthOf(JSON.parse(text));
        expect(scan(text, { maxDepth: Math.max(depth, 1), maxValues: 1e9 }, pieceSize)).toBeNull();
        if (depth > 1) expect(scan(text, { maxDepth: depth - 1, maxValues: 1e9 }, pieceSize)).toContain('nested more than');
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it('scans the worst cases measured against JSON.parse without refusing valid long strings', () => {
    expect(scan(JSON.stringify({ content: 'x'.repeat(4 * 1024 * 1024) }), { maxDepth: 64, maxValues: 100_000 }, 65_536)).toBeNull();
    expect(scan(JSON.stringify({ content: '"'.repeat(1024 * 1024) }), { maxDepth: 64, maxValues: 100_000 }, 65_536)).toBeNull();
    expect(scan('['.repeat(1024 * 1024), { maxDepth: 64, maxValues: 100_000 }, 65_536)).toContain('nested more than 64');
    expect(scan(`[${'{},'.repeat(1024 * 1024)}{}]`, { maxDepth: 64, maxValues: 100_000 }, 65_536)).toContain('more than 100,000');
  });
});
