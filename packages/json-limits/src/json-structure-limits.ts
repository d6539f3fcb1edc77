/** How deep and how wide a JSON text may be before anything parses it. */
export interface JsonStructureLimits {
  /** Deepest nesting of objects and arrays; the outermost value is level 1. */
  maxDepth: number;
  /** Most objects, arrays and members (every `{`, `[` and `,`). */
  maxValues: number;
}
