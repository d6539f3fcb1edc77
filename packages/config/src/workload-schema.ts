import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';
import { ConfigError } from './config-error';

/** A monthly workload for `pnpm estimate-cost`: what kinds of requests, how many, how big. */
export const workloadSchema = z
  .strictObject({
    requests_per_month: z.number().int().positive(),
    /** Scenario A's single model for everything. */
    baseline_model: z.string().min(1),
    segments: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          share: z.number().positive().max(1),
          task: z.enum(TASK_LABELS),
          input_tokens: z.number().int().nonnegative(),
          output_tokens: z.number().int().nonnegative(),
        }),
      )
      .min(1),
    /** Scenario C: per segment name, the cheaper model tried first and how often its answer fails the check. */
    cascades: z.record(z.string(), z.strictObject({ first: z.string().min(1), escalation_rate: z.number().min(0).max(1) })).default({}),
  })
  .superRefine((workload, context) => {
    const total = workload.segments.reduce((sum, segment) => sum + segment.share, 0);
    if (Math.abs(total - 1) > 1e-6) context.addIssue({ code: 'custom', path: ['segments'], message: `shares add up to ${total}, not 1` });
    const names = new Set(workload.segments.map((segment) => segment.name));
    for (const name of Object.keys(workload.cascades)) {
      if (!names.has(name)) context.addIssue({ code: 'custom', path: ['cascades', name], message: `no segment is named '${name}'` });
    }
  });

export type Workload = z.infer<typeof workloadSchema>;

/** Reads a workload from a YAML or JSON file (JSON is YAML). */
export function loadWorkload(file: string): Workload {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, [`cannot read the workload: ${(error as Error).message}`]);
  }
  const result = workloadSchema.safeParse(raw);
  if (!result.success) throw ConfigError.fromZod(file, result.error);
  return result.data;
}
