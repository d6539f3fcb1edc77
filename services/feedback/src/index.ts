export { createFeedbackApp } from './feedback-app';
export type { FeedbackAppDependencies } from './feedback-app';
export { decisionBatchSchema, toDecisionRow } from './ingest/decision-batch-schema';
export { feedbackRequestSchema } from './ingest/feedback-request-schema';
export { recordFeedback, waitForDecision } from './ingest/record-feedback';
