/**
 * A JSON document as the fuzz harness builds it: a small tree that renders to JSON text. It can say things a
 * JavaScript value cannot (duplicate keys, an own `__proto__` key, number literals such as `1e400` or `-0`) and
 * keeps huge parts small (a 200,000-character run, 5,000 levels of nesting, 10,000 array items) so that fast-check
 * generates and shrinks them cheaply.
 */
export type JsonSpec =
  /** JSON text used as is: `null`, `true`, `-0`, `1e400`, or deliberately broken text such as `NaN`. */
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  /** A string of `unit` repeated `count` times. */
  | { readonly kind: 'run'; readonly unit: string; readonly count: number }
  | { readonly kind: 'array'; readonly items: readonly JsonSpec[] }
  /** Entries in order; keys may repeat. */
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonSpec])[] }
  /** `leaf` inside `depth` arrays, or objects whose only key is `key`. */
  | { readonly kind: 'nest'; readonly depth: number; readonly container: 'array' | 'object'; readonly key: string; readonly leaf: JsonSpec }
  /** An array of `count` copies of `item`, or an object of `count` keys `${key}0`, `${key}1`, ... */
  | { readonly kind: 'wide'; readonly count: number; readonly container: 'array' | 'object'; readonly key: string; readonly item: JsonSpec };

export const jsonNull: JsonSpec = { kind: 'literal', text: 'null' };

export function jsonString(value: string): JsonSpec {
  return { kind: 'string', value };
}

export function jsonNumber(value: number): JsonSpec {
  return { kind: 'literal', text: Object.is(value, -0) ? '-0' : JSON.stringify(value) };
}

export function jsonBoolean(value: boolean): JsonSpec {
  return { kind: 'literal', text: String(value) };
}

export function jsonArray(items: readonly JsonSpec[]): JsonSpec {
  return { kind: 'array', items };
}

/** An object from entries; `undefined` values are left out, the way JSON.stringify leaves them out. */
export function jsonObject(entries: Readonly<Record<string, JsonSpec | undefined>> | readonly (readonly [string, JsonSpec | undefined])[]): JsonSpec {
  const list = Array.isArray(entries) ? (entries as readonly (readonly [string, JsonSpec | undefined])[]) : Object.entries(entries);
  return { kind: 'object', entries: list.filter((entry): entry is readonly [string, JsonSpec] => entry[1] !== undefined) };
}

/** Renders the JSON text. Nesting and width are written with loops, so any depth renders without recursion. */
export function renderJson(spec: JsonSpec): string {
  const parts: string[] = [];
  write(spec, parts);
  return parts.join('');
}

function write(spec: JsonSpec, parts: string[]): void {
  switch (spec.kind) {
    case 'literal':
      parts.push(spec.text);
      return;
    case 'string':
      parts.push(JSON.stringify(spec.value));
      return;
    case 'run':
      parts.push(JSON.stringify(spec.unit.repeat(spec.count)));
      return;
    case 'array':
      parts.push('[');
      spec.items.forEach((item, index) => {
        if (index > 0) parts.push(',');
        write(item, parts);
      });
      parts.push(']');
      return;
    case 'object':
      parts.push('{');
      spec.entries.forEach(([key, value], index) => {
        if (index > 0) parts.push(',');
        parts.push(JSON.stringify(key), ':');
        write(value, parts);
      });
      parts.push('}');
      return;
    case 'nest': {
      const open = spec.container === 'array' ? '[' : `{${JSON.stringify(spec.key)}:`;
      parts.push(open.repeat(spec.depth));
      write(spec.leaf, parts);
      parts.push((spec.container === 'array' ? ']' : '}').repeat(spec.depth));
      return;
    }
    case 'wide': {
      const item: string[] = [];
      write(spec.item, item);
      const itemText = item.join('');
      if (spec.container === 'array') {
        parts.push('[', Array.from({ length: spec.count }, () => itemText).join(','), ']');
      } else {
        parts.push('{', Array.from({ length: spec.count }, (_, index) => `${JSON.stringify(`${spec.key}${index}`)}:${itemText}`).join(','), '}');
      }
      return;
    }
  }
}

/**
 * The same document for people: long runs, deep nesting and wide structures abbreviated, cut at `maxLength`
 * characters. This is what a counterexample prints.
 */
export function describeJson(spec: JsonSpec, maxLength = 1_500): string {
  const text = describe(spec, maxLength);
  return text.length > maxLength ? `${text.slice(0, maxLength)}… (description cut)` : text;
}

function describe(spec: JsonSpec, budget: number): string {
  switch (spec.kind) {
    case 'literal':
      return spec.text;
    case 'string':
      return spec.value.length > 200 ? `${JSON.stringify(spec.value.slice(0, 200))}…(${spec.value.length} chars)` : JSON.stringify(spec.value);
    case 'run':
      return `${JSON.stringify(spec.unit)}×${spec.count}`;
    case 'array':
      return `[${joinWithin(spec.items.map((item) => () => describe(item, budget)), budget)}]`;
    case 'object':
      return `{${joinWithin(spec.entries.map(([key, value]) => () => `${JSON.stringify(key)}:${describe(value, budget)}`), budget)}}`;
    case 'nest':
      return spec.container === 'array'
        ? `[×${spec.depth} ${describe(spec.leaf, budget)} ]×${spec.depth}`
        : `{${JSON.stringify(spec.key)}: ×${spec.depth} ${describe(spec.leaf, budget)} }×${spec.depth}`;
    case 'wide':
      return spec.container === 'array'
        ? `[${describe(spec.item, budget)} ×${spec.count} items]`
        : `{${JSON.stringify(`${spec.key}<n>`)}: ${describe(spec.item, budget)} ×${spec.count} keys}`;
  }
}

/** Joins lazily and stops once the text is longer than the budget, so a huge document describes quickly. */
function joinWithin(parts: readonly (() => string)[], budget: number): string {
  let text = '';
  for (const [index, part] of parts.entries()) {
    if (text.length > budget) return `${text},…(${parts.length - index} more)`;
    text += (index > 0 ? ',' : '') + part();
  }
  return text;
}

/** The length of the rendered text, computed without rendering it. */
export function renderedLength(spec: JsonSpec): number {
  switch (spec.kind) {
    case 'literal':
      return spec.text.length;
    case 'string':
      return JSON.stringify(spec.value).length;
    case 'run':
      return (JSON.stringify(spec.unit).length - 2) * spec.count + 2;
    case 'array':
      return 2 + spec.items.reduce((sum, item) => sum + renderedLength(item) + 1, 0);
    case 'object':
      return 2 + spec.entries.reduce((sum, [key, value]) => sum + JSON.stringify(key).length + renderedLength(value) + 2, 0);
    case 'nest':
      return spec.depth * (spec.container === 'array' ? 2 : JSON.stringify(spec.key).length + 3) + renderedLength(spec.leaf);
    case 'wide':
      return 2 + spec.count * (renderedLength(spec.item) + (spec.container === 'array' ? 1 : JSON.stringify(spec.key).length + 10));
  }
}

/**
 * The same document cut down to about `maxLength` characters of text: runs get shorter, wide structures narrower,
 * children share what is left. Generators combine freely (a 200,000-character run inside each of 20,000 messages),
 * and this keeps every body within what a run can afford.
 */
export function limitLength(spec: JsonSpec, maxLength: number): JsonSpec {
  if (renderedLength(spec) <= maxLength) return spec;
  const budget = Math.max(1, maxLength);
  switch (spec.kind) {
    case 'literal':
      return spec;
    case 'string':
      return { ...spec, value: spec.value.slice(0, Math.floor(budget / 6)) };
    case 'run':
      return { ...spec, count: Math.max(0, Math.floor((budget - 2) / Math.max(1, JSON.stringify(spec.unit).length - 2))) };
    case 'array':
      return { ...spec, items: spec.items.map((item) => limitLength(item, budget / spec.items.length)) };
    case 'object':
      return { ...spec, entries: spec.entries.map(([key, value]) => [key, limitLength(value, budget / spec.entries.length)] as const) };
    case 'nest': {
      const leaf = limitLength(spec.leaf, budget / 2);
      const perLevel = spec.container === 'array' ? 2 : JSON.stringify(spec.key).length + 3;
      return { ...spec, leaf, depth: Math.max(1, Math.min(spec.depth, Math.floor(budget / 2 / perLevel))) };
    }
    case 'wide': {
      const item = limitLength(spec.item, budget / 10);
      const perItem = renderedLength(item) + (spec.container === 'array' ? 1 : JSON.stringify(spec.key).length + 10);
      return { ...spec, item, count: Math.max(1, Math.min(spec.count, Math.floor(budget / perItem))) };
    }
  }
}
