import type { Migration } from 'kysely';
import * as createDecisions from './2026_11_27_0001_create_decisions';
import * as createFeedback from './2026_11_27_0002_create_feedback';
import * as createTrainingExamples from './2026_11_27_0003_create_training_examples';
import * as createClassifierVersions from './2026_11_27_0004_create_classifier_versions';
import * as createUsageByKey from './2026_11_27_0005_create_usage_by_key';
import * as addCascadeToDecisions from './2026_11_27_0006_add_cascade_to_decisions';
import * as addNgramCounts from './2026_11_27_0007_add_ngram_counts';

/**
 * Every migration, by name, imported in code rather than found by scanning a folder, so the same list runs from
 * `src` (jest) and from `dist`. Names sort by time; add new ones at the end.
 */
export const DATABASE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_27_0001_create_decisions': createDecisions,
  '2026_11_27_0002_create_feedback': createFeedback,
  '2026_11_27_0003_create_training_examples': createTrainingExamples,
  '2026_11_27_0004_create_classifier_versions': createClassifierVersions,
  '2026_11_27_0005_create_usage_by_key': createUsageByKey,
  '2026_11_27_0006_add_cascade_to_decisions': addCascadeToDecisions,
  '2026_11_27_0007_add_ngram_counts': addNgramCounts,
};
