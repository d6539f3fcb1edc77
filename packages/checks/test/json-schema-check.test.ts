import { JsonSchemaCheck, stripJsonFence } from '../src/index';
import { SchemaValidatorCache } from '../src/schema-validator-cache';
import { runAnswerCheckContract } from './answer-check-contract';
import { contextWith, WEATHER_TOOL_CALL } from './answers';

runAnswerCheckContract('json_schema', async () => ({ check: new JsonSchemaCheck(), close: async () => undefined }));

const PERSON_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    email: { type: 'string', format: 'email' },
    role: { type: 'string', enum: ['admin', 'member'] },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

function asksFor(schema: Record<string, unknown>) {
  return { response_format: { type: 'json_schema' as const, json_schema: { name: 'person', strict: true, schema } } };
}

describe('JsonSchemaCheck', () => {
  const check = new JsonSchemaCheck();

  it('passes any answer when the request asks for no JSON', async () => {
    for (const request of [{}, { response_format: { type: 'text' as const } }]) {
      const result = await check.run(contextWith({ content: 'not json at all' }, request));
      expect(result).toEqual({ check: 'json_schema', passed: true, reason: 'no JSON response_format requested', costUsd: 0 });
    }
  });

  describe('json_object', () => {
    const jsonObject = { response_format: { type: 'json_object' as const } };

    it('passes a JSON object', async () => {
      const result = await check.run(contextWith({ content: ' {"answer": "Paris"}\n' }, jsonObject));
      expect(result).toMatchObject({ passed: true, reason: 'a JSON object' });
    });

    it('fails invalid JSON with the parser message', async () => {
      const result = await check.run(contextWith({ content: '{"answer": "Paris",}' }, jsonObject));
      expect(result.passed).toBe(false);
      expect(result.reason).toMatch(/^not valid JSON: .*position 19/);
    });

    it.each([
      ['an array', '[{"answer": "Paris"}]'],
      ['a string', '"Paris"'],
      ['null', 'null'],
      ['a number', '42'],
    ])('fails %s: json_object mode promises an object', async (kind, content) => {
      const result = await check.run(contextWith({ content }, jsonObject));
      expect(result).toMatchObject({ passed: false, reason: `expected a JSON object, got ${kind}` });
    });

    it('fails an answer with prose around the JSON', async () => {
      const result = await check.run(contextWith({ content: 'Sure! Here it is:\n```json\n{"answer": "Paris"}\n```' }, jsonObject));
      expect(result.passed).toBe(false);
    });

    it('fails an empty answer, but lets a tool-calling answer through', async () => {
      expect(await check.run(contextWith({ content: '' }, jsonObject))).toMatchObject({ passed: false, reason: 'no content to parse as JSON' });
      const toolAnswer = await check.run(contextWith({ content: null, toolCalls: [WEATHER_TOOL_CALL] }, jsonObject));
      expect(toolAnswer.passed).toBe(true);
    });
  });

  describe('a ```json fence around the whole answer', () => {
    it('is accepted, and the reason says so', async () => {
      const result = await check.run(contextWith({ content: '```json\n{"name": "Ada", "age": 36}\n```' }, asksFor(PERSON_SCHEMA)));
      expect(result).toMatchObject({ passed: true, reason: "matches the schema 'person' (inside a ```json fence)" });
    });

    it('still has to hold valid JSON', async () => {
      const result = await check.run(contextWith({ content: '```json\n{"name": "Ada", "age": }\n```' }, asksFor(PERSON_SCHEMA)));
      expect(result.passed).toBe(false);
      expect(result.reason).toMatch(/^not valid JSON \(inside a ```json fence\): /);
    });

    it('is removed by stripJsonFence, which leaves other text alone', () => {
      expect(stripJsonFence('```json\n{"a": 1}\n```\n')).toEqual({ text: '{"a": 1}', fenced: true });
      expect(stripJsonFence('```\n[1]\n```')).toEqual({ text: '[1]', fenced: true });
      expect(stripJsonFence(' {"a": 1} ')).toEqual({ text: '{"a": 1}', fenced: false });
      expect(stripJsonFence('Here:\n```json\n{}\n```')).toEqual({ text: 'Here:\n```json\n{}\n```', fenced: false });
    });
  });

  describe('json_schema', () => {
    it('passes an answer that matches the schema', async () => {
      const content = JSON.stringify({ name: 'Ada', age: 36, email: 'ada@example.com', role: 'admin' });
      const result = await check.run(contextWith({ content }, asksFor(PERSON_SCHEMA)));
      expect(result).toEqual({ check: 'json_schema', passed: true, reason: "matches the schema 'person'", costUsd: 0 });
    });

    it.each([
      ['a wrong type', { name: 'Ada', age: 36.5 }, '/age must be integer'],
      ['a missing required property', { name: 'Ada' }, "(root) must have required property 'age'"],
      ['an extra property', { name: 'Ada', age: 36, nickname: 'A' }, "(root) must NOT have additional properties ('nickname')"],
      ['a bad format', { name: 'Ada', age: 36, email: 'not-an-email' }, '/email must match format "email"'],
      ['a value outside the enum', { name: 'Ada', age: 36, role: 'owner' }, '/role must be equal to one of the allowed values ("admin", "member")'],
      ['a number below the minimum', { name: 'Ada', age: -1 }, '/age must be >= 0'],
    ])('fails %s and names the first error', async (_label, value, reason) => {
      const result = await check.run(contextWith({ content: JSON.stringify(value) }, asksFor(PERSON_SCHEMA)));
      expect(result).toMatchObject({ passed: false, reason });
    });

    it('validates nested $defs references', async () => {
      const schema = {
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/$defs/item' } } },
        required: ['items'],
        $defs: { item: { type: 'object', properties: { price: { type: 'number' } }, required: ['price'] } },
      };
      const result = await check.run(contextWith({ content: '{"items": [{"price": 1}, {"price": "2"}]}' }, asksFor(schema)));
      expect(result).toMatchObject({ passed: false, reason: '/items/1/price must be number' });
    });

    it('reads schemas that declare draft 2020-12 (zod 4) or draft-07 (zod-to-json-schema)', async () => {
      for (const $schema of ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#']) {
        const schema = { $schema, ...PERSON_SCHEMA };
        expect(await check.run(contextWith({ content: '{"name": "Ada", "age": 36}' }, asksFor(schema)))).toMatchObject({ passed: true });
        expect(await check.run(contextWith({ content: '{"name": "Ada"}' }, asksFor(schema)))).toMatchObject({ passed: false });
      }
    });

    it('tolerates keywords Ajv does not know (strict mode is off)', async () => {
      const schema = { ...PERSON_SCHEMA, 'x-order': ['name', 'age'], title: 'Person', examples: [{ name: 'A', age: 1 }] };
      const result = await check.run(contextWith({ content: '{"name": "Ada", "age": 36}' }, asksFor(schema)));
      expect(result.passed).toBe(true);
    });

    it('does not let two schemas with the same $id collide', async () => {
      const first = { $id: 'https://example.com/answer', type: 'object', required: ['a'] };
      const second = { $id: 'https://example.com/answer', type: 'object', required: ['b'] };
      expect(await check.run(contextWith({ content: '{"a": 1}' }, asksFor(first)))).toMatchObject({ passed: true });
      expect(await check.run(contextWith({ content: '{"a": 1}' }, asksFor(second)))).toMatchObject({
        passed: false,
        reason: "(root) must have required property 'b'",
      });
    });

    it('only requires a JSON object when the schema itself cannot be compiled', async () => {
      const broken = { type: 'objekt' };
      const result = await check.run(contextWith({ content: '{"a": 1}' }, asksFor(broken)));
      expect(result.passed).toBe(true);
      expect(result.reason).toMatch(/^a JSON object; schema not checked, Ajv cannot compile it: schema is invalid/);
      expect(await check.run(contextWith({ content: '[1]' }, asksFor(broken)))).toMatchObject({ passed: false });
    });

    it('compiles each schema once, however many requests bring it, and keeps a bounded number', () => {
      const cache = new SchemaValidatorCache(2);
      const first = cache.compile(structuredClone(PERSON_SCHEMA));
      expect(cache.compile(structuredClone(PERSON_SCHEMA))).toBe(first);
      for (const property of ['a', 'b', 'c']) cache.compile({ type: 'object', required: [property] });
      expect(cache.size).toBe(2);
      expect(cache.compile(structuredClone(PERSON_SCHEMA))).not.toBe(first);
    });
  });
});
