import { fromWireFeatureRow, isHeldOut, sameLayout, type FeatureLayout, type FeatureRow, type TrainingRow } from '@routewise/classifier';
import { listFallbackLabeledDecisions, listTrainingExamples, type Database, type FeatureLayoutColumn, type Kysely } from '@routewise/database';
import { isTaskLabel } from '@routewise/taxonomy';
import type { ExampleSource, SkippedExamples } from './retrain-report';

/** A training row with where it came from. */
export interface SourcedExample extends TrainingRow {
  source: ExampleSource;
}

/**
 * A label chosen by the fallback LLM is a guess by a stronger model, not a user's word: by default it counts half as
 * much as a seed prompt or a correction, like a thumbs-up.
 */
export const DEFAULT_FALLBACK_LABEL_WEIGHT = 0.5;
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
  /** How much each of those counts (default DEFAULT_FALLBACK_LABEL_WEIGHT). */
  fallbackLabelWeight?: number;
}

/**
 * The database's labeled examples usable with this embedder and layout: user corrections, confirmed predictions and
 * fallback-LLM labels, each on its stored split. Everything else is counted in `skipped`, not silently dropped.
 * A decision someone rated is a training example already, so its fallback label is not added a second time: the
 * user's word wins.
 */
export async function gatherDatabaseExamples(db: Kysely<Database>, options: GatherOptions): Promise<{ examples: SourcedExample[]; skipped: SkippedExamples }> {
  const skipped: SkippedExamples = { otherEmbedder: 0, otherLayout: 0, withoutFeatures: 0, seedRowsInDatabase: 0 };
  const examples: SourcedExample[] = [];
  for (const row of await listTrainingExamples(db)) {
    if (row.source === 'seed') {
      skipped.seedRowsInDatabase++;
      continue;
    }
    const features = readRow(row.features, row.ngram_counts, row.feature_layout, options.layout);
    if (features === 'missing') skipped.withoutFeatures++;
    else if (row.embedder_id !== options.embedderId) skipped.otherEmbedder++;
    else if (features === 'other-layout' || !isTaskLabel(row.label)) skipped.otherLayout++;
    else examples.push({ id: row.request_id ?? `example-${row.id}`, source: row.source, label: row.label, features, weight: row.weight, split: row.split });
  }
  if (options.includeFallbackDecisions ?? true) {
    for (const decision of await listFallbackLabeledDecisions(db, options.embedderId)) {
      const features = readRow(decision.features, decision.ngram_counts, decision.feature_layout, options.layout);
      if (features === 'missing' || !isTaskLabel(decision.task)) continue;
      if (features === 'other-layout') {
        skipped.otherLayout++;
        continue;
      }
      examples.push({
        id: decision.request_id,
        source: 'fallback_llm',
        label: decision.task,
        features,
        weight: options.fallbackLabelWeight ?? DEFAULT_FALLBACK_LABEL_WEIGHT,
        split: isHeldOut(decision.request_id, REQUEST_HOLDOUT_FRACTION) ? 'holdout' : 'train',
      });
    }
  }
  return { examples, skipped };
}

/** A stored feature row, if it was computed with this layout (rows from before a layout change are skipped). */
function readRow(dense: number[] | null, ngrams: string | null, stored: FeatureLayoutColumn | null, expected: FeatureLayout): FeatureRow | 'missing' | 'other-layout' {
  if (dense === null || ngrams === null || stored === null) return 'missing';
  if (!sameLayout(stored as FeatureLayout, expected)) return 'other-layout';
  try {
    return fromWireFeatureRow({ dense, ngrams }, expected);
  } catch {
    return 'other-layout';
  }
}
