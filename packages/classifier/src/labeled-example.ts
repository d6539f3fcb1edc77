import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import { OWN_PROMPTS_SOURCE } from './sources/own-prompts-source';
import type { DescribableMessage } from './task-description';

/** One training prompt: a conversation ending with the user turn whose task is `label`. */
export interface LabeledExample {
  id: string;
  label: TaskLabel;
  messages: DescribableMessage[];
  /** How much the example counts in training (default 1). */
  weight?: number | undefined;
  /** Where it came from: a public set's name, or the project's own prompts (the default). */
  source?: string | undefined;
}

const labeledExampleSchema = z.object({
  id: z.string().min(1),
  label: z.enum(TASK_LABELS),
  weight: z.number().positive().optional(),
  messages: z
    .array(z.object({ role: z.enum(['system', 'developer', 'user', 'assistant']), content: z.string() }))
    .min(1)
    .refine((messages) => messages.at(-1)?.role === 'user', 'the last message must be a user turn'),
});

/**
 * Reads every `*.jsonl` in a folder; a bad line stops with its file and line number. Each example's source is
 * `routewise_prompts/<file>`: the files were written separately (by topic and style), so the training folds treat
 * each as a source of its own.
 */
export function readLabeledExamples(directory: string): LabeledExample[] {
  const files = readdirSync(directory).filter((name) => name.endsWith('.jsonl')).sort();
  const examples: LabeledExample[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    readFileSync(path.join(directory, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        const where = `${file}:${index + 1}`;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch (error) {
          throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
        }
        const parsed = labeledExampleSchema.safeParse(json);
        if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
        if (seen.has(parsed.data.id)) throw new Error(`${where}: duplicate id ${parsed.data.id}`);
        seen.add(parsed.data.id);
        examples.push({ ...parsed.data, source: `${OWN_PROMPTS_SOURCE}/${file.replace(/\.jsonl$/, '')}` });
      });
  }
  return examples;
}

/** A digest of the examples' content, recorded in the artifact so a stale classifier is recognized. */
export function digestOfExamples(examples: readonly LabeledExample[]): string {
  const hash = createHash('sha256');
  for (const example of examples) {
    // The weight joins the digest only when set, so digests of unweighted data (every saved artifact) stay the same.
    const fields = example.weight === undefined ? [example.id, example.label, example.messages] : [example.id, example.label, example.messages, example.weight];
    hash.update(JSON.stringify(fields)).update('\n');
  }
  return `sha256:${hash.digest('hex')}`;
}

export function countPerLabel(examples: readonly { label: TaskLabel }[]): Record<TaskLabel, number> {
  const counts = Object.fromEntries(TASK_LABELS.map((label) => [label, 0])) as Record<TaskLabel, number>;
  for (const example of examples) counts[example.label] += 1;
  return counts;
}
