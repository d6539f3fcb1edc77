import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type SchemaValidation = { valid: true } | { valid: false; error: string };

export type CompiledSchema = { validate: (data: unknown) => SchemaValidation } | { compileError: string };

/**
 * Compiles each distinct response schema once (keyed by its JSON text, as each request brings a new object) and
 * keeps the most recent `capacity` of them, removing evicted ones from Ajv's own cache too.
 *
 * Ajv runs with `strict: false` (real-world schemas carry keywords and formats Ajv does not know), formats from
 * ajv-formats, and `addUsedSchema: false` so two requests' schemas with the same `$id` do not collide.
 * Schemas declaring draft 2020-12 (zod 4's default) get Ajv2020; all others are read as draft-07, Ajv's default.
 */
export class SchemaValidatorCache {
  private readonly entries = new Map<string, { schema: AnySchemaObject; compiled: CompiledSchema; ajv: Ajv }>();
  private readonly draft07 = withFormats(new Ajv(AJV_OPTIONS));
  private draft2020: Ajv | undefined;

  constructor(private readonly capacity = 100) {}

  get size(): number {
    return this.entries.size;
  }

  compile(schema: Record<string, unknown>): CompiledSchema {
    const key = JSON.stringify(schema);
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.compiled;
    }
    const ajv = this.ajvFor(schema);
    const compiled = compileWith(ajv, schema);
    this.entries.set(key, { schema, compiled, ajv });
    this.evictBeyondCapacity();
    return compiled;
  }

  private ajvFor(schema: Record<string, unknown>): Ajv {
    const dialect = schema.$schema;
    if (typeof dialect === 'string' && dialect.includes('2020-12')) {
      this.draft2020 ??= withFormats(new Ajv2020(AJV_OPTIONS));
      return this.draft2020;
    }
    return this.draft07;
  }

  private evictBeyondCapacity(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      this.entries.delete(key);
      entry.ajv.removeSchema(entry.schema);
    }
  }
}

const AJV_OPTIONS = { strict: false, allErrors: false, addUsedSchema: false } as const;

function withFormats<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  return ajv;
}

function compileWith(ajv: Ajv, schema: Record<string, unknown>): CompiledSchema {
  // A draft-04/06 or unknown `$schema` would make Ajv look for a meta-schema it does not have: read it as draft-07.
  const dialect = schema.$schema;
  const readable = typeof dialect === 'string' && !dialect.includes('2020-12') && !dialect.includes('draft-07') ? withoutDialect(schema) : schema;
  let validateFunction: ValidateFunction;
  try {
    validateFunction = ajv.compile(readable);
  } catch (error) {
    return { compileError: error instanceof Error ? error.message : String(error) };
  }
  return {
    validate(data) {
      if (validateFunction(data)) return { valid: true };
      const first = validateFunction.errors?.[0];
      return { valid: false, error: first === undefined ? 'does not match the schema' : describeError(first) };
    },
  };
}

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** `/age must be integer`, `(root) must have required property 'name'`, with the offending name or values. */
export function describeError(error: ErrorObject): string {
  const path = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (typeof params.additionalProperty === 'string') detail = ` ('${params.additionalProperty}')`;
  else if (Array.isArray(params.allowedValues)) detail = ` (${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')})`;
  return `${path} ${error.message ?? 'is invalid'}${detail}`;
}
