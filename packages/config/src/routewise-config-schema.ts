import { z } from 'zod';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import { catalogModelSchema } from './catalog-schema';
import { ruleSchema } from './rule-schema';

const perTask = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(TASK_LABELS.map((label) => [label, value])) as Record<TaskLabel, T>);

export const routewiseConfigSchema = z
  .strictObject({
    catalog: z.record(z.string().regex(/^[a-zA-Z0-9._:/-]+$/, 'catalog ids use letters, digits and . _ : / -'), catalogModelSchema),
    /** The model each task goes to when no rule matches. */
    tasks: perTask(z.string().min(1)),
    /** Ordered; the first rule whose condition holds picks the model. */
    rules: z.array(ruleSchema).default([]),
    classifier: z.strictObject({
      /**
       * Below this top probability the fallback LLM is asked. `auto`: the threshold the classifier was trained with,
       * chosen so that `target_precision` of the predictions above it are right on sources it never saw.
       */
      fallback_threshold: z.union([z.literal('auto'), z.number().min(0).max(1)]),
      /** The share of confident predictions that must be right; sets the trained threshold (`auto`). */
      target_precision: z.number().gt(0).lt(1),
      /** How much a fallback LLM label counts at retraining, against 1 for a seed prompt or a user's correction. */
      fallback_label_weight: z.number().min(0).max(1),
      fallback_model: z.string().min(1),
      fallback_timeout_ms: z.number().int().positive(),
      fallback_cache_entries: z.number().int().nonnegative(),
    }),
    policy: z.strictObject({
      /** Output assumed when a request sets no max_tokens, for the context-window check. */
      default_output_tokens: z.number().int().positive(),
      /** Typical answer length per task, for cost estimates before the call. */
      expected_output_tokens: perTask(z.number().int().positive()),
    }),
    dispatch: z.strictObject({ timeout_ms: z.number().int().positive() }),
    /** Cascades: cheaper models first, the next one only when an answer fails its checks. */
    cascade: z
      .strictObject({
        /** Per task: the ordered models and the checks an answer must pass. Tasks not listed are not cascaded. */
        tasks: z.partialRecord(z.enum(TASK_LABELS), z.strictObject({ models: z.array(z.string().min(1)).min(2), checks: z.array(z.enum(['json_schema', 'code_parses', 'judge', 'non_empty'])).min(1) })).default({}),
        /** The cheap model that grades answers for the `judge` check, and the passing score (of 10). */
        judge: z.strictObject({ model: z.string().min(1), threshold: z.number().int().min(1).max(10), timeout_ms: z.number().int().positive() }),
      })
      .default({ tasks: {}, judge: { model: 'gpt-4o-mini', threshold: 7, timeout_ms: 10000 } }),
    /** Learned model choice from users' thumbs: see packages/policy/src/learned-routing-policy.ts. */
    learning: z
      .strictObject({
        enabled: z.boolean(),
        /** The thumbs-up rate a task's model should reach. */
        satisfaction_target: z.number().min(0).max(1),
        /** How sure the posterior must be that a model is below target before the task moves a tier up. */
        credibility: z.number().min(0.5).max(1),
        /** Ratings a (task, model) pair needs before it counts. */
        min_ratings: z.number().int().nonnegative(),
        /** Share of requests that try the next cheaper tier, to learn whether it does as well. */
        exploration_rate: z.number().min(0).max(1),
        /** A cheaper model "does as well" when its posterior mean is within this of the default's. */
        tolerance: z.number().min(0).max(1),
      })
      .default({ enabled: true, satisfaction_target: 0.8, credibility: 0.95, min_ratings: 20, exploration_rate: 0.02, tolerance: 0.02 }),
    server: z.strictObject({
      /** Largest request body, after decompression. */
      max_body_bytes: z.number().int().positive(),
      /**
       * Deepest nesting of objects and arrays in a body; deeper is a 400 naming the field. 64 is far beyond any tool
       * schema a provider accepts and far below what recursion in JSON.stringify survives (~4,500).
       */
      max_json_depth: z.number().int().min(8).max(1_000).default(64),
      /**
       * Most objects, arrays and members (`{`, `[`, `,`) in a body: about 15,000 chat messages. Reading, validating and
       * featurizing that many costs ~30 ms of CPU (`pnpm bench:worst-case`); JSON.parse alone takes seconds on a few
       * megabytes of `{},` without such a bound.
       */
      max_json_values: z.number().int().min(1_000).default(50_000),
      /** How long a stopping process waits for in-flight requests (streams too) before closing their connections. */
      shutdown_timeout_ms: z.number().int().positive().default(20_000),
    }),
  })
  .superRefine((config, context) => {
    const known = new Set(Object.keys(config.catalog));
    const check = (model: string, path: (string | number)[]) => {
      if (!known.has(model)) context.addIssue({ code: 'custom', path, message: `'${model}' is not a catalog model id` });
    };
    for (const label of TASK_LABELS) check(config.tasks[label], ['tasks', label]);
    config.rules.forEach((rule, index) => check(rule.model, ['rules', index, 'model']));
    check(config.classifier.fallback_model, ['classifier', 'fallback_model']);
    check(config.cascade.judge.model, ['cascade', 'judge', 'model']);
    for (const [task, cascade] of Object.entries(config.cascade.tasks)) {
      cascade?.models.forEach((model, index) => check(model, ['cascade', 'tasks', task, 'models', index]));
    }
    const names = new Set<string>();
    config.rules.forEach((rule, index) => {
      if (names.has(rule.name)) context.addIssue({ code: 'custom', path: ['rules', index, 'name'], message: `duplicate rule name '${rule.name}'` });
      names.add(rule.name);
    });
  });

export type RoutewiseConfig = z.infer<typeof routewiseConfigSchema>;
