import type { Request, Response } from 'express';
import { InvalidRequestError, NotFoundError } from '@routewise/errors';
import type { Database, Kysely } from '@routewise/database';
import { invalidRequestFromZod } from '@routewise/http';
import { feedbackRequestSchema } from '../ingest/feedback-request-schema';
import { recordFeedback, waitForDecision } from '../ingest/record-feedback';

export interface FeedbackRouteOptions {
  db: Kysely<Database>;
  /** Catalog ids a preferred model must be one of. */
  knownModels: ReadonlySet<string>;
  decisionWaitMs: number;
}

/** POST /v1/feedback: thumbs up or down, a corrected task, a preferred model. Answered once committed. */
export function feedbackHandler(options: FeedbackRouteOptions) {
  return async (request: Request, response: Response): Promise<void> => {
    const parsed = feedbackRequestSchema.safeParse(request.body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const feedback = parsed.data;
    if (feedback.model !== undefined && !options.knownModels.has(feedback.model)) {
      throw new InvalidRequestError(`'${feedback.model}' is not a catalog model id.`, 'model');
    }
    const decision = await waitForDecision(options.db, feedback.request_id, options.decisionWaitMs);
    if (!decision) throw new NotFoundError(`No routed request has the id '${feedback.request_id}'.`, 'request_id');
    const recorded = await recordFeedback(options.db, decision, feedback);
    response.status(recorded.created ? 201 : 200).json({
      request_id: feedback.request_id,
      rating: feedback.rating,
      task: feedback.task ?? null,
      model: feedback.model ?? null,
      updated: !recorded.created,
      training_example: recorded.trainingExample,
    });
  };
}
