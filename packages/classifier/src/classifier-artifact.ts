import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';

const labelMetricsSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });
const metricsSchema = z.object({
  examples: z.number().int(),
  accuracy: z.number(),
  macroF1: z.number(),
  perLabel: z.record(z.string(), labelMetricsSchema),
});

/**
 * A trained classifier as JSON: everything needed to classify, and where it came from. It is only valid with the
 * embedder whose id it records and the feature layout it names.
 */
export const classifierArtifactSchema = z.object({
  format: z.literal('routewise-task-classifier/v2'),
  version: z.string().min(1),
  createdAt: z.string(),
  labels: z.array(z.enum(TASK_LABELS)).length(TASK_LABELS.length),
  embedder: z.object({ id: z.string().min(1), kind: z.string(), dimension: z.number().int().positive() }),
  features: z.object({
    layout: z.object({
      embeddingDimension: z.number().int().positive(),
      ngramDimension: z.number().int().positive(),
      ngramScheme: z.string(),
      shapeFeatureCount: z.number().int().nonnegative(),
    }),
    shapeFeatures: z.array(z.string()),
  }),
  /** Multinomial logistic regression (see model/softmax-regression.ts); `weights` is base64 float32, feature-major. */
  model: z.object({
    kind: z.literal('softmax-regression'),
    denseMean: z.array(z.number()),
    denseScale: z.array(z.number()),
    ngramScale: z.number().positive(),
    weights: z.string(),
  }),
  calibration: z.object({
    temperature: z.number().positive(),
    /** Below this confidence the router asks the fallback LLM (unless the config sets a number). */
    fallbackThreshold: z.number().min(0).max(1),
    /** What the threshold was chosen for, and what it gave on out-of-source predictions. */
    threshold: z.object({ targetPrecision: z.number(), confidentAccuracy: z.number(), fallbackShare: z.number(), predictions: z.number().int() }),
  }),
  hyperparameters: z.object({ l2: z.number(), ngramScale: z.number(), maxIterations: z.number().int(), relativeTolerance: z.number(), folds: z.number().int() }),
  fit: z.object({ iterations: z.number().int(), converged: z.boolean(), seconds: z.number(), lossCurve: z.array(z.number()) }),
  trainingData: z.object({
    digest: z.string(),
    examples: z.number().int(),
    perLabel: z.record(z.string(), z.number().int()),
    perSource: z.record(z.string(), z.number().int()),
  }),
  metrics: z.object({
    /** On the holdout rows, or (seed training, which has none) on the out-of-source predictions. */
    holdout: metricsSchema,
  }),
});

export type ClassifierArtifact = z.infer<typeof classifierArtifactSchema>;

export function parseClassifierArtifact(value: unknown): ClassifierArtifact {
  return classifierArtifactSchema.parse(value);
}
