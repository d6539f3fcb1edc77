export { createFeedbackApp } from './feedback-app';
export type { FeedbackAppDependencies } from './feedback-app';
export { decisionBatchSchema, toDecisionRow } from './ingest/decision-batch-schema';
export { feedbackRequestSchema } from './ingest/feedback-request-schema';
export { recordFeedback, waitForDecision } from './ingest/record-feedback';
export { RetrainCoordinator } from './retraining/retrain-coordinator';
export type { RetrainCoordinatorOptions, RetrainTrigger } from './retraining/retrain-coordinator';
export { RetrainScheduler } from './retraining/retrain-scheduler';
export type { RetrainSchedulerOptions } from './retraining/retrain-scheduler';
