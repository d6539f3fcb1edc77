import path from 'node:path';
import { DEFAULT_TRAINING_OPTIONS, ensureSeedClassifier, LogisticRegressionTaskClassifier, readLabeledExamples, trainTaskClassifier } from '@routewise/classifier';
import { loadRoutewiseConfig } from '@routewise/config';
import { TASK_LABELS } from '@routewise/taxonomy';
import { fixed, formatTable, percent } from './console-table';
import { chooseThreshold, reportFor, scorePrompts, thresholdSweep, type ScoredPrompt } from './evaluation/evaluate-classifier';
import { loadPublicEvaluationSets } from './evaluation/public-evaluation-sets';
import { loadScriptEmbedder } from './script-embedder';

/**
 * `pnpm eval:classifier [--compare-features]`: the classifier the router would use, trained only on the project's
 * own prompts, scored on the public sets (test split). Prints macro-F1, per-label F1, the confusion matrix, accuracy
 * per source, and the fallback rate at the configured threshold; the validation split's threshold sweep shows how
 * that threshold was chosen.
 */
async function main(): Promise<void> {
  const compareFeatures = process.argv.includes('--compare-features');
  const { environment, loaded } = await loadScriptEmbedder();
  const config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  const embedder = loaded.embedder;
  console.log(`embedder: ${embedder.id}${loaded.fallback ? '  (FALLBACK featurizer)' : ''}`);
  const seed = await ensureSeedClassifier({
    embedder,
    trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
    artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
  });
  console.log(`classifier: ${seed.classifier.version} (${seed.trained ? 'trained now' : 'saved artifact'}; ${seed.artifact.trainingData.examples} own prompts)`);

  const prompts = loadPublicEvaluationSets();
  const scored = await scorePrompts(prompts, embedder, seed.classifier);
  const test = scored.filter((item) => item.prompt.split === 'test');
  const validation = scored.filter((item) => item.prompt.split === 'validation');
  console.log(`public prompts: ${prompts.length} (validation ${validation.length}, test ${test.length}); none used in training\n`);

  printReport('TEST split', test, config.classifier.fallback_threshold);
  printSources(test);
  const thresholds = Array.from({ length: 15 }, (_, index) => 0.2 + index * 0.05).map((value) => Number(value.toFixed(2)));
  console.log('\nThreshold sweep on the VALIDATION split (fallback LLM asked below the threshold):');
  console.log(
    formatTable(
      ['threshold', 'fallback rate', 'accuracy kept', 'accuracy in fallback zone'],
      thresholdSweep(validation, thresholds).map((row) => [fixed(row.threshold, 2), percent(row.fallbackRate), percent(row.keptAccuracy), percent(row.fallbackZoneAccuracy)]),
    ),
  );
  console.log(`rule (LLM assumed 90% right, 10-point cost margin) picks ${fixed(chooseThreshold(validation, thresholds), 2)}; configured: ${config.classifier.fallback_threshold}`);

  if (compareFeatures) {
    console.log('\nFeature comparison (same training data and settings, TEST split):');
    const examples = readLabeledExamples(environment.ROUTEWISE_TRAINING_DATA);
    const rows: (string | number)[][] = [];
    for (const [name, wordDimension] of [['embedding only', 0], ['embedding + lexical (shipped)', DEFAULT_TRAINING_OPTIONS.wordDimension]] as const) {
      const artifact = await trainTaskClassifier(examples, embedder, { ...DEFAULT_TRAINING_OPTIONS, wordDimension });
      const report = reportFor((await scorePrompts(prompts, embedder, new LogisticRegressionTaskClassifier(artifact))).filter((item) => item.prompt.split === 'test'));
      rows.push([name, fixed(report.macroF1), percent(report.accuracy), ...report.labels.map((label) => fixed(report.perLabel[label].f1))]);
    }
    console.log(formatTable(['features', 'macro-F1', 'accuracy', ...reportFor(test).labels.map((label) => `F1 ${label}`)], rows));
  }
}

function printReport(title: string, scored: readonly ScoredPrompt[], threshold: number): void {
  const report = reportFor(scored);
  const fallbackRate = scored.filter((item) => item.prediction.confidence < threshold).length / scored.length;
  console.log(`${title}: macro-F1 ${fixed(report.macroF1)} over ${report.labels.join(', ')}; accuracy ${percent(report.accuracy)}; fallback rate at threshold ${threshold}: ${percent(fallbackRate)}\n`);
  console.log(formatTable(['label', 'precision', 'recall', 'F1', 'support'], TASK_LABELS.map((label) => {
    const metrics = report.perLabel[label];
    return [label, fixed(metrics.precision), fixed(metrics.recall), fixed(metrics.f1), metrics.support];
  })));
  console.log('\nConfusion matrix (rows: gold, columns: predicted):');
  console.log(formatTable(['gold \\ predicted', ...TASK_LABELS], report.labels.map((gold) => [gold, ...TASK_LABELS.map((predicted) => report.confusion[gold][predicted])])));
}

function printSources(scored: readonly ScoredPrompt[]): void {
  const sources = [...new Set(scored.map((item) => item.prompt.source))].sort();
  console.log('\nAccuracy per source (TEST split):');
  console.log(formatTable(['source', 'prompts', 'accuracy', 'most common wrong label'], sources.map((source) => {
    const items = scored.filter((item) => item.prompt.source === source);
    const wrong = items.filter((item) => item.prediction.task !== item.gold).map((item) => item.prediction.task);
    const common = [...new Set(wrong)].sort((a, b) => wrong.filter((label) => label === b).length - wrong.filter((label) => label === a).length)[0] ?? '-';
    return [source, items.length, percent((items.length - wrong.length) / items.length), common];
  })));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
