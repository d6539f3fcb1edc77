import { featureCount, isHeldOut, type FeatureLayout, type FeatureRowExample } from '@routewise/classifier';
import { listFallbackLabeledDecisions, listTrainingExamples, type Database, type Kysely } from '@routewise/database';
import { isTaskLabel } from '@routewise/taxonomy';
import type { ExampleSource, SkippedExamples } from './retrain-report';

/** A training row with where it came from. */
export interface SourcedExample extends FeatureRowExample {
  source: ExampleSource;
}

/**
 * A label chosen by the fallback LLM is a guess by a stronger model, not a user's word: it counts like a thumbs-up.
 */
export const FALLBACK_LLM_WEIGHT = 0.5;
/**
 * The feedback service splits rated requests by this share of request-id hashes (its record-feedback step); LLM
 * labeled decisions use the same rule, so a request keeps its side when a user rates it later.
 */
export const REQUEST_HOLDOUT_FRACTION = 0.2;

export interface GatherOptions {
  embedderId: string;
  layout: FeatureLayout;
  /** Also learn from decisions the fallback LLM labeled that nobody rated (default true). */
  includeFallbackDecisions?: boolean;
}

/**
 * The database's labeled examples usable with this embedder and layout: user corrections, confirmed predictions and
 * fallback-LLM labels, each on its stored split. Everything else is counted in `skipped`, not silently dropped.
 */
export async function gatherDatabaseExamples(db: Kysely<Database>, options: GatherOptions): Promise<{ examples: SourcedExample[]; skipped: SkippedExamples }> {
  const skipped: SkippedExamples = { otherEmbedder: 0, otherLayout: 0, withoutFeatures: 0, seedRowsInDatabase: 0 };
  const width = featureCount(options.layout);
  const examples: SourcedExample[] = [];
  for (const row of await listTrainingExamples(db)) {
    if (row.source === 'seed') skipped.seedRowsInDatabase++;
    else if (row.features === null || row.feature_layout === null) skipped.withoutFeatures++;
    else if (row.embedder_id !== options.embedderId) skipped.otherEmbedder++;
    else if (!sameLayout(row.feature_layout, options.layout) || row.features.length !== width || !isTaskLabel(row.label)) skipped.otherLayout++;
    else examples.push({ id: row.request_id ?? `example-${row.id}`, source: row.source, label: row.label, features: row.features, weight: row.weight, split: row.split });
  }
  if (options.includeFallbackDecisions ?? true) {
    for (const decision of await listFallbackLabeledDecisions(db, options.embedderId)) {
      if (decision.features === null || decision.feature_layout === null || !isTaskLabel(decision.task)) continue;
      if (!sameLayout(decision.feature_layout, options.layout) || decision.features.length !== width) {
        skipped.otherLayout++;
        continue;
      }
      examples.push({
        id: decision.request_id,
        source: 'fallback_llm',
        label: decision.task,
        features: decision.features,
        weight: FALLBACK_LLM_WEIGHT,
        split: isHeldOut(decision.request_id, REQUEST_HOLDOUT_FRACTION) ? 'holdout' : 'train',
      });
    }
  }
  return { examples, skipped };
}

function sameLayout(stored: FeatureLayout, expected: FeatureLayout): boolean {
  return (
    stored.embeddingDimension === expected.embeddingDimension &&
    stored.wordDimension === expected.wordDimension &&
    stored.shapeFeatureCount === expected.shapeFeatureCount
  );
}
