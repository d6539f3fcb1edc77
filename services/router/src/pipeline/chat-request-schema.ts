import { z } from 'zod';

/**
 * What clients may send to /v1/chat/completions. Strict where Routewise reads the field (messages, model,
 * stream, token limits, the `routewise` options); every other OpenAI parameter passes through untouched.
 */
const textPart = z.strictObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.strictObject({
  type: z.literal('image_url'),
  image_url: z.strictObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const audioPart = z.strictObject({
  type: z.literal('input_audio'),
  input_audio: z.strictObject({ data: z.string(), format: z.string() }),
});
const filePart = z.strictObject({ type: z.literal('file'), file: z.record(z.string(), z.unknown()) });

const textContent = z.union([z.string(), z.array(textPart).min(1)], { error: 'must be a string or an array of text parts' });
const userContent = z.union([z.string(), z.array(z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart])).min(1)], {
  error: 'must be a string or an array of content parts (text, image_url, input_audio, file)',
});

const toolCall = z.looseObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.literal('system'), content: textContent, name: z.string().optional() }),
    z.looseObject({ role: z.literal('developer'), content: textContent, name: z.string().optional() }),
    z.looseObject({ role: z.literal('user'), content: userContent, name: z.string().optional() }),
    z
      .looseObject({
        role: z.literal('assistant'),
        content: z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]).optional(),
        tool_calls: z.array(toolCall).optional(),
        name: z.string().optional(),
      })
      .refine((value) => (value.content !== undefined && value.content !== null) || (value.tool_calls?.length ?? 0) > 0, {
        error: 'an assistant message needs content or tool_calls',
      }),
    z.looseObject({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().min(1) }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? "role must be one of 'system', 'developer', 'user', 'assistant', 'tool'" : undefined) },
);

/** What adapters read of a tool; other tool types (custom, built-in) pass through for providers that know them. */
const functionDefinition = z.looseObject({
  name: z.string({ error: 'a function tool needs a name' }).min(1).max(128),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).optional(),
});
const tool = z
  .looseObject({ type: z.string(), function: functionDefinition.optional() })
  .refine((value) => value.type !== 'function' || value.function !== undefined, { error: "a function tool needs 'function' with its name", path: ['function'] });

const toolChoice = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
    z.looseObject({
      type: z.literal('allowed_tools'),
      allowed_tools: z.looseObject({ mode: z.enum(['auto', 'required']), tools: z.array(z.record(z.string(), z.unknown())) }),
    }),
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string().min(1) }) }),
  ],
  { error: "must be 'none', 'auto', 'required', {type: 'function', function: {name}} or {type: 'allowed_tools', allowed_tools: {mode, tools}}" },
);

export const routewiseOptionsSchema = z.strictObject({
  /** Ordered catalog ids: each answers only when the previous one's answer failed a check. */
  cascade: z.array(z.string().min(1)).min(1).max(5).optional(),
  /** The checks every answer must pass; default non_empty. */
  checks: z.array(z.enum(['json_schema', 'code_parses', 'judge', 'non_empty'])).min(1).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string({ error: 'model is required: use "auto" or a catalog model id' }).min(1),
  messages: z.array(message, { error: 'messages must be an array' }).min(1, { error: 'messages must not be empty' }),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  n: z.number().int().min(1).max(1, { error: 'Routewise returns one choice per request (n must be 1)' }).nullish(),
  tools: z.array(tool).max(128, { error: 'at most 128 tools' }).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)], { error: 'must be a string or up to 4 strings' }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  user: z.string().max(512).optional(),
  routewise: routewiseOptionsSchema.optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest['messages'][number];
export type RoutewiseOptions = z.infer<typeof routewiseOptionsSchema>;
