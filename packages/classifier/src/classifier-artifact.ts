import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';

const labelMetricsSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });

/**
 * A trained classifier as JSON: everything needed to classify, and where it came from. It is only valid with the
 * embedder whose id it records.
 */
export const classifierArtifactSchema = z.object({
  format: z.literal('routewise-task-classifier/v1'),
  version: z.string().min(1),
  createdAt: z.string(),
  labels: z.array(z.enum(TASK_LABELS)).length(TASK_LABELS.length),
  embedder: z.object({ id: z.string().min(1), kind: z.string(), dimension: z.number().int().positive() }),
  features: z.object({
    wordDimension: z.number().int().nonnegative(),
    shapeFeatures: z.array(z.string()),
    standardization: z.object({ mean: z.array(z.number()), scale: z.array(z.number()) }),
  }),
  /** ml-logistic-regression's own JSON (`LogisticRegression#toJSON`): one-vs-rest weight rows, bias last. */
  model: z.object({ name: z.literal('LogisticRegression'), numberClasses: z.number().int(), classifiers: z.array(z.unknown()) }).passthrough(),
  calibration: z.object({ temperature: z.number().positive() }),
  hyperparameters: z.object({ numSteps: z.number().int().positive(), learningRate: z.number().positive() }),
  trainingData: z.object({
    digest: z.string(),
    examples: z.number().int(),
    perLabel: z.record(z.string(), z.number().int()),
  }),
  metrics: z.object({
    holdout: z.object({
      examples: z.number().int(),
      accuracy: z.number(),
      macroF1: z.number(),
      perLabel: z.record(z.string(), labelMetricsSchema),
    }),
  }),
});

export type ClassifierArtifact = z.infer<typeof classifierArtifactSchema>;

export function parseClassifierArtifact(value: unknown): ClassifierArtifact {
  return classifierArtifactSchema.parse(value);
}
