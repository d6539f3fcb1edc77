import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';
import { identifier, storedText } from './stored-text-schema';

/** POST /v1/feedback: a rating, and optionally the right task, a preferred model and a comment. */
export const feedbackRequestSchema = z.strictObject({
  /** The id of the answer being rated (its x-routewise-request-id). */
  request_id: identifier(),
  rating: z.enum(['up', 'down'], { error: "must be 'up' or 'down'" }),
  task: z.enum(TASK_LABELS, { error: `must be one of ${TASK_LABELS.join(', ')}` }).optional(),
  model: identifier().optional(),
  comment: storedText(10_000).optional(),
});

export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
