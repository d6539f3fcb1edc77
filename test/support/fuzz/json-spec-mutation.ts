import type { JsonSpec } from './json-spec';

/**
 * One change to a document at one of its nodes, picked by `target` modulo the node count (pre-order), so that odd
 * values, prototype keys and deep nesting can land at any level, not only where a generator put them.
 */
export type JsonMutation =
  | { readonly kind: 'replace'; readonly target: number; readonly value: JsonSpec }
  | { readonly kind: 'wrap'; readonly target: number; readonly depth: number; readonly container: 'array' | 'object'; readonly key: string }
  /** Adds an entry to an object (or an item to an array); any other node becomes an object with that one entry. */
  | { readonly kind: 'add-entry'; readonly target: number; readonly key: string; readonly value: JsonSpec }
  /** Removes the child at `child` modulo the child count of an object or array. */
  | { readonly kind: 'drop-child'; readonly target: number; readonly child: number }
  /** Repeats an object's entry, so the same key appears twice. */
  | { readonly kind: 'duplicate-child'; readonly target: number; readonly child: number };

export function applyMutations(spec: JsonSpec, mutations: readonly JsonMutation[]): JsonSpec {
  return mutations.reduce((current, mutation) => applyMutation(current, mutation), spec);
}

export function applyMutation(spec: JsonSpec, mutation: JsonMutation): JsonSpec {
  const index = mutation.target % countNodes(spec);
  let seen = -1;
  const visit = (node: JsonSpec): JsonSpec => {
    seen += 1;
    if (seen === index) return mutateNode(node, mutation);
    if (seen > index) return node;
    switch (node.kind) {
      case 'array':
        return { ...node, items: node.items.map(visit) };
      case 'object':
        return { ...node, entries: node.entries.map(([key, value]) => [key, visit(value)] as const) };
      case 'nest':
        return { ...node, leaf: visit(node.leaf) };
      case 'wide':
        return { ...node, item: visit(node.item) };
      default:
        return node;
    }
  };
  return visit(spec);
}

export function countNodes(spec: JsonSpec): number {
  switch (spec.kind) {
    case 'array':
      return 1 + spec.items.reduce((sum, item) => sum + countNodes(item), 0);
    case 'object':
      return 1 + spec.entries.reduce((sum, [, value]) => sum + countNodes(value), 0);
    case 'nest':
      return 1 + countNodes(spec.leaf);
    case 'wide':
      return 1 + countNodes(spec.item);
    default:
      return 1;
  }
}

function mutateNode(node: JsonSpec, mutation: JsonMutation): JsonSpec {
  switch (mutation.kind) {
    case 'replace':
      return mutation.value;
    case 'wrap':
      return { kind: 'nest', depth: mutation.depth, container: mutation.container, key: mutation.key, leaf: node };
    case 'add-entry':
      if (node.kind === 'object') return { ...node, entries: [...node.entries, [mutation.key, mutation.value]] };
      if (node.kind === 'array') return { ...node, items: [...node.items, mutation.value] };
      return { kind: 'object', entries: [[mutation.key, mutation.value]] };
    case 'drop-child':
      if (node.kind === 'object' && node.entries.length > 0) {
        const child = mutation.child % node.entries.length;
        return { ...node, entries: node.entries.filter((_, index) => index !== child) };
      }
      if (node.kind === 'array' && node.items.length > 0) {
        const child = mutation.child % node.items.length;
        return { ...node, items: node.items.filter((_, index) => index !== child) };
      }
      return node;
    case 'duplicate-child':
      if (node.kind === 'object' && node.entries.length > 0) {
        const entry = node.entries[mutation.child % node.entries.length]!;
        return { ...node, entries: [...node.entries, entry] };
      }
      return node;
  }
}
