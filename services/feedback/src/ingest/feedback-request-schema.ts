import { z } from 'zod';
import { TASK_LABELS } from '@routewise/taxonomy';

/** POST /v1/feedback: a rating, and optionally the right task, a preferred model and a comment. */
export const feedbackRequestSchema = z.strictObject({
  request_id: z.string({ error: 'request_id is required' }).min(1).max(200),
  rating: z.enum(['up', 'down'], { error: "rating must be 'up' or 'down'" }),
  task: z.enum(TASK_LABELS, { error: `task must be one of ${TASK_LABELS.join(', ')}` }).optional(),
  model: z.string().min(1).max(200).optional(),
  comment: z.string().max(10_000).optional(),
});

export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
