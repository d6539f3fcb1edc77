import { TASK_LABELS } from '@routewise/taxonomy';
import type { SourcedExample } from './gather-training-examples';
import type { ExampleCounts, ExampleSource, SplitCount } from './retrain-report';

const SOURCES: readonly ExampleSource[] = ['seed', 'user_correction', 'confirmed_prediction', 'fallback_llm'];

/** Examples per source and per label, on each side of the split. */
export function countExamples(examples: readonly SourcedExample[]): Omit<ExampleCounts, 'skipped'> {
  const empty = (): SplitCount => ({ train: 0, holdout: 0 });
  const bySource = Object.fromEntries(SOURCES.map((source) => [source, empty()])) as ExampleCounts['bySource'];
  const byLabel = Object.fromEntries(TASK_LABELS.map((label) => [label, empty()])) as ExampleCounts['byLabel'];
  for (const example of examples) {
    bySource[example.source][example.split] += 1;
    byLabel[example.label][example.split] += 1;
  }
  const holdout = examples.filter((example) => example.split === 'holdout').length;
  return { bySource, byLabel, train: examples.length - holdout, holdout };
}
