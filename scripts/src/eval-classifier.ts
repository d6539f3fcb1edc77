import { DEFAULT_HYPERPARAMETERS, DEFAULT_TRAINING_OPTIONS, evaluationSourceOf, featureLayoutFor, featurizeExamples, loadPublicExamples, OWN_PROMPTS_SOURCE, readLabeledExamples, type Hyperparameters } from '@routewise/classifier';
import { TASK_LABELS } from '@routewise/taxonomy';
import { fixed, formatTable, percent } from './console-table';
import { leaveOneSourceOut, type EvaluationRow, type LeaveOneSourceOutResult } from './evaluation/leave-one-source-out';
import { sharedDataDirectory } from './evaluation/shared-data';
import { loadScriptEmbedder } from './script-embedder';

/**
 * `pnpm eval:classifier [--sweep] [--errors N]`: leave-one-source-out evaluation of the shipped classifier's training
 * recipe. Each source (every public set, and the project's own prompts) is scored by a model fitted on all the other
 * sources, with the temperature and fallback threshold chosen from the other sources' held-out predictions: what a
 * user whose traffic looks like none of the training sources would see. `--sweep` also scores a grid of
 * regularization settings (slow); `--l2 X` and `--ngram-scale Y` score one other setting; `--errors N` prints N
 * misclassified prompts per source.
 */
async function main(): Promise<void> {
  const sweep = process.argv.includes('--sweep');
  const option = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const hyperparameters: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, l2: option('--l2') ?? DEFAULT_HYPERPARAMETERS.l2, ngramScale: option('--ngram-scale') ?? DEFAULT_HYPERPARAMETERS.ngramScale };
  const errorsIndex = process.argv.indexOf('--errors');
  const errorsPerSource = errorsIndex > 0 ? Number(process.argv[errorsIndex + 1] ?? 3) : 0;
  const { environment, loaded } = await loadScriptEmbedder();
  const embedder = loaded.embedder;
  console.log(`embedder: ${embedder.id}${loaded.fallback ? '  (FALLBACK featurizer)' : ''}`);

  const own = readLabeledExamples(environment.ROUTEWISE_TRAINING_DATA).map((example) => ({ ...example, source: example.source!, accepted: [example.label] }));
  const publicExamples = loadPublicExamples(sharedDataDirectory());
  if (publicExamples.length === 0) throw new Error(`no public sets found at ${sharedDataDirectory()} (set ROUTEWISE_SHARED_DATA)`);
  const examples = [...own, ...publicExamples];
  const layout = featureLayoutFor(embedder.dimension, DEFAULT_HYPERPARAMETERS.ngramDimension);
  const startedAt = performance.now();
  const features = await featurizeExamples(examples, embedder, layout, (done, total) => (done === total ? process.stdout.write(`featurized ${total} prompts`) : undefined));
  console.log(` (${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  const rows: EvaluationRow[] = examples.map((example, index) => ({ id: example.id, source: example.source, label: example.label, accepted: example.accepted, weight: 1, features: features[index]! }));

  const evaluate = (hyperparameters: Hyperparameters): LeaveOneSourceOutResult => {
    const foldStart = performance.now();
    const result = leaveOneSourceOut(rows, hyperparameters, DEFAULT_TRAINING_OPTIONS.targetPrecision, DEFAULT_TRAINING_OPTIONS.folds, (stage, fold, folds) => process.stdout.write(`\r${stage}: fold ${fold}/${folds}   `));
    console.log(` (${((performance.now() - foldStart) / 1000).toFixed(1)} s)`);
    return result;
  };

  if (sweep) {
    const sweepRows: (string | number)[][] = [];
    for (const l2 of [3e-4, 1e-3, 3e-3]) {
      for (const ngramScale of [2, 4, 8]) {
        const result = evaluate({ ...DEFAULT_HYPERPARAMETERS, l2, ngramScale });
        const meanFallback = result.perSource.reduce((sum, score) => sum + score.fallbackShare, 0) / result.perSource.length;
        sweepRows.push([l2, ngramScale, fixed(result.meanMacroF1), fixed(result.pooled.macroF1), percent(meanFallback)]);
      }
    }
    console.log(`\nRegularization sweep (leave-one-source-out):\n${formatTable(['l2', 'n-gram scale', 'mean macro-F1 per source', 'pooled macro-F1', 'mean fallback share'], sweepRows)}\n`);
  }

  const result = evaluate(hyperparameters);
  const counts = (source: string) => examples.filter((example) => evaluationSourceOf(example.source) === source).length;
  console.log(`\nLeave-one-source-out, ${rows.length} prompts from ${result.perSource.length} sources (l2 ${hyperparameters.l2}, n-gram scale ${hyperparameters.ngramScale}, ${hyperparameters.ngramDimension} buckets).`);
  console.log(`Each row: a model fitted on every other source; threshold for ${percent(DEFAULT_TRAINING_OPTIONS.targetPrecision)} right among confident predictions, chosen on the other sources.\n`);
  console.log(
    formatTable(
      ['source', 'prompts', 'labels', 'accuracy', 'macro-F1', 'fallback share', 'confident right', 'threshold'],
      result.perSource.map((score) => [score.source, counts(score.source), score.labels.join(' '), percent(score.accuracy), fixed(score.macroF1), percent(score.fallbackShare), percent(score.confidentAccuracy), fixed(score.threshold, 2)]),
    ),
  );
  const publicScores = result.perSource.filter((score) => score.source !== OWN_PROMPTS_SOURCE);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  console.log(`\nmean macro-F1 over sources: ${fixed(result.meanMacroF1)}   (public sources only: ${fixed(mean(publicScores.map((score) => score.macroF1)))})`);
  console.log(`mean fallback share over sources: ${percent(mean(result.perSource.map((score) => score.fallbackShare)))}`);
  console.log(`pooled over every held-out prediction: macro-F1 ${fixed(result.pooled.macroF1)}, accuracy ${percent(result.pooled.accuracy)}\n`);
  console.log(formatTable(['label', 'precision', 'recall', 'F1', 'support'], TASK_LABELS.map((label) => {
    const metrics = result.pooled.perLabel[label];
    return [label, fixed(metrics.precision), fixed(metrics.recall), fixed(metrics.f1), metrics.support];
  })));
  console.log('\nConfusion matrix, pooled (rows: gold, columns: predicted):');
  console.log(formatTable(['gold \\ predicted', ...TASK_LABELS], TASK_LABELS.map((gold) => [gold, ...TASK_LABELS.map((predicted) => result.pooled.confusion[gold][predicted])])));

  if (errorsPerSource > 0) {
    for (const score of result.perSource) {
      const wrong = result.scored.filter((item) => evaluationSourceOf(item.row.source) === score.source && !item.correct).slice(0, errorsPerSource);
      if (wrong.length === 0) continue;
      console.log(`\n${score.source}:`);
      for (const item of wrong) {
        const text = examples.find((example) => example.id === item.row.id)!.messages.at(-1)!.content;
        console.log(`  ${item.row.label} → ${item.predicted} (${fixed(Math.max(...item.probabilities), 2)}): ${String(text).replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
