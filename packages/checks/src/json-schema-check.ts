import type { AnswerCheck, CheckContext, CheckResult } from './answer-check';
import { answerText, hasToolCalls } from './answer-message';
import { stripJsonFence } from './json-fence';
import { SchemaValidatorCache } from './schema-validator-cache';

export interface JsonSchemaCheckOptions {
  /** Distinct schemas kept compiled; default 100. */
  schemaCacheSize?: number;
}

/**
 * `json_schema`: with `response_format` `json_object` the answer must be a JSON object; with `json_schema` it must
 * also validate against `json_schema.schema` (Ajv). Without a JSON response format it passes.
 *
 * A ```json fence around the whole answer is accepted (the reason says so): the JSON itself is right, and
 * providers without a JSON mode (Anthropic: the adapter cannot translate `response_format`) fence it routinely, so
 * rejecting fences would escalate every such answer to fix formatting the router can undo with `stripJsonFence`.
 */
export class JsonSchemaCheck implements AnswerCheck {
  readonly name = 'json_schema' as const;
  private readonly schemas: SchemaValidatorCache;

  constructor(options: JsonSchemaCheckOptions = {}) {
    this.schemas = new SchemaValidatorCache(options.schemaCacheSize);
  }

  async run({ request, answer }: CheckContext): Promise<CheckResult> {
    const format = request.response_format;
    if (format?.type !== 'json_object' && format?.type !== 'json_schema') return this.pass('no JSON response_format requested');

    const content = answerText(answer);
    if (content.trim() === '') {
      return hasToolCalls(answer) ? this.pass('tool calls without text: no content to validate') : this.fail('no content to parse as JSON');
    }
    const { text, fenced } = stripJsonFence(content);
    const unwrapped = fenced ? ' (inside a ```json fence)' : '';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return this.fail(`not valid JSON${unwrapped}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const schema = format.type === 'json_schema' ? format.json_schema?.schema : undefined;
    const compiled = schema === undefined || schema === null ? undefined : this.schemas.compile(schema);
    if (compiled === undefined || 'compileError' in compiled) {
      if (!isJsonObject(value)) return this.fail(`expected a JSON object, got ${jsonKind(value)}${unwrapped}`);
      // A broken schema is the client's fault, not the answer's: escalating would fail the same way on every model.
      const notChecked = compiled === undefined ? '' : `; schema not checked, Ajv cannot compile it: ${compiled.compileError}`;
      return this.pass(`a JSON object${unwrapped}${notChecked}`);
    }
    const validation = compiled.validate(value);
    if (!validation.valid) return this.fail(`${validation.error}${unwrapped}`);
    const name = format.type === 'json_schema' ? format.json_schema.name : undefined;
    return this.pass(`matches the schema${typeof name === 'string' && name !== '' ? ` '${name}'` : ''}${unwrapped}`);
  }

  private pass(reason: string): CheckResult {
    return { check: this.name, passed: true, reason, costUsd: 0 };
  }

  private fail(reason: string): CheckResult {
    return { check: this.name, passed: false, reason, costUsd: 0 };
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
