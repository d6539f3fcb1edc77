import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';

const taskSchema = z.enum(TASK_LABELS);

const numberComparison = z
  .strictObject({
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'needs at least one of gt, gte, lt, lte');

const taskMatch = z
  .strictObject({ eq: taskSchema.optional(), in: z.array(taskSchema).optional(), not_in: z.array(taskSchema).optional() })
  .refine((value) => Object.keys(value).length > 0, 'needs one of eq, in, not_in');

const stringMatch = z
  .strictObject({ eq: z.string().optional(), in: z.array(z.string()).optional(), not_in: z.array(z.string()).optional() })
  .refine((value) => Object.keys(value).length > 0, 'needs one of eq, in, not_in');

const promptMatch = z
  .strictObject({
    /** Case-insensitive substrings; any one matches. */
    contains_any: z.array(z.string().min(1)).optional(),
    /** A JavaScript regular expression source, matched case-insensitively. */
    matches: z
      .string()
      .min(1)
      .refine((source) => isValidRegex(source), 'is not a valid regular expression')
      .optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'needs contains_any or matches');

/**
 * A rule condition: every field given must hold (AND). `any` and `not` combine conditions.
 * The operators are a closed set so a typo is a config error, not a rule that silently never matches.
 */
export interface RuleCondition {
  prompt_tokens?: { gt?: number | undefined; gte?: number | undefined; lt?: number | undefined; lte?: number | undefined } | undefined;
  task?: z.infer<typeof taskMatch> | undefined;
  user_tier?: z.infer<typeof stringMatch> | undefined;
  prompt?: z.infer<typeof promptMatch> | undefined;
  tools?: boolean | undefined;
  images?: boolean | undefined;
  latency?: 'low' | 'normal' | undefined;
  any?: RuleCondition[] | undefined;
  not?: RuleCondition | undefined;
}

export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z
    .strictObject({
      prompt_tokens: numberComparison.optional(),
      task: taskMatch.optional(),
      user_tier: stringMatch.optional(),
      prompt: promptMatch.optional(),
      tools: z.boolean().optional(),
      images: z.boolean().optional(),
      latency: z.enum(['low', 'normal']).optional(),
      any: z.array(ruleConditionSchema).min(1).optional(),
      not: ruleConditionSchema.optional(),
    })
    .refine((value) => Object.keys(value).length > 0, 'a condition needs at least one field'),
);

export const ruleSchema = z.strictObject({
  name: z.string().min(1),
  when: ruleConditionSchema,
  /** Catalog id of the model this rule sends the request to. */
  model: z.string().min(1),
  description: z.string().optional(),
});

export type RoutingRule = z.infer<typeof ruleSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}
