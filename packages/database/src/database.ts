import type { ClassifierVersionsTable } from './tables/classifier-versions.table';
import type { DecisionsTable } from './tables/decisions.table';
import type { FeedbackTable } from './tables/feedback.table';
import type { TrainingExamplesTable } from './tables/training-examples.table';
import type { UsageByKeyTable } from './tables/usage-by-key.table';

/** The feedback service's schema, as kysely sees it. Column names are the database's (snake_case). */
export interface Database {
  decisions: DecisionsTable;
  feedback: FeedbackTable;
  training_examples: TrainingExamplesTable;
  classifier_versions: ClassifierVersionsTable;
  usage_by_key: UsageByKeyTable;
}
