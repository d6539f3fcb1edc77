export { retrainClassifier } from './retrain-classifier';
export type { RetrainOptions, RetrainStage } from './retrain-classifier';
export type { RetrainReport, RetrainDecision, ExampleCounts, ExampleSource, HoldoutMetrics, SkippedExamples, SplitCount } from './retrain-report';
export { decidePromotion, DEFAULT_MARGIN_MACRO_F1 } from './promotion-rule';
export { gatherDatabaseExamples, DEFAULT_FALLBACK_LABEL_WEIGHT, REQUEST_HOLDOUT_FRACTION } from './gather-training-examples';
export type { SourcedExample, GatherOptions } from './gather-training-examples';
export { loadEmbedderFromEnvironment } from './load-embedder-from-environment';
export type { EmbedderEnvironment } from './load-embedder-from-environment';
