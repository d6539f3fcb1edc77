export { createDatabase } from './create-database';
export type { CreateDatabaseOptions } from './create-database';
export { databaseOptionsFromEnvironment, describeDatabase, PGLITE_DIRECTORY_NAME } from './database-environment';
export type { DatabaseEnvironment } from './database-environment';
export type { Database } from './database';
/** Re-exported so callers type `db` without depending on kysely themselves. */
export type { Kysely, Transaction, MigrationResult } from 'kysely';
export { sql } from 'kysely';
export { inTransaction } from './in-transaction';
export { migrateToLatest, MigrationError } from './migrate-to-latest';
export { DATABASE_MIGRATIONS } from './migrations';
export { StaticMigrationProvider } from './static-migration-provider';
export { PgliteDialect } from './pglite/pglite-dialect';
export type { PgliteDialectConfig } from './pglite/pglite-driver';
export type { PgliteClient, PgliteQueryResult } from './pglite/pglite-client';

export type {
  DecisionsTable,
  Decision,
  NewDecision,
  DecisionKind,
  DecisionSource,
  DecisionStatus,
  FeatureLayoutColumn,
  CascadeAttemptColumn,
  TimestampColumn,
} from './tables/decisions.table';
export type { FeedbackTable, Feedback, NewFeedback, FeedbackRating } from './tables/feedback.table';
export type {
  TrainingExamplesTable,
  TrainingExample,
  NewTrainingExample,
  TrainingExampleSource,
  TrainingSplit,
} from './tables/training-examples.table';
export type {
  ClassifierVersionsTable,
  ClassifierVersion,
  NewClassifierVersion,
  ClassifierStatus,
  JsonDocumentColumn,
} from './tables/classifier-versions.table';
export type { UsageByKeyTable, UsageByKey, NewUsageByKey } from './tables/usage-by-key.table';

export { insertDecisions, findDecision, listFallbackLabeledDecisions } from './repositories/decisions-repository';
export type { FallbackLabeledDecision } from './repositories/decisions-repository';
export { upsertFeedback, findFeedback } from './repositories/feedback-repository';
export type { UpsertFeedbackResult } from './repositories/feedback-repository';
export { insertTrainingExamples, listTrainingExamples, countTrainingExamples } from './repositories/training-examples-repository';
export type { TrainingExampleFilter } from './repositories/training-examples-repository';
export {
  insertClassifierVersion,
  findClassifierVersion,
  findActiveClassifier,
  promoteClassifier,
  rejectClassifier,
  listClassifierVersions,
} from './repositories/classifier-versions-repository';
export type { ClassifierVersionSummary } from './repositories/classifier-versions-repository';
export { listUsageByKey } from './repositories/usage-by-key-repository';
export { statsByDay, outcomesByTaskAndModel } from './repositories/stats-repository';
export type { DailyStatsRow, StatsRange, OutcomeRow } from './repositories/stats-repository';
