import path from 'node:path';
import { ensureSeedClassifier, type TrainingStage } from '@routewise/classifier';
import { loadRoutewiseConfig } from '@routewise/config';
import { trainingOptionsFor } from '@routewise/router';
import { TASK_LABELS } from '@routewise/taxonomy';
import { fixed, formatTable, percent } from './console-table';
import { progressBar } from './progress-bar';
import { loadScriptEmbedder } from './script-embedder';

/**
 * `pnpm train:classifier [--force]`: trains the seed classifier (the project's prompts and every public set found at
 * ROUTEWISE_SHARED_DATA) for the configured embedder and saves it where the router looks for it
 * ($ROUTEWISE_DATA_DIR/classifiers), printing the final fit's loss curve. Without --force an artifact for the same
 * embedder, training data and settings is reused.
 */
async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const { environment, loaded } = await loadScriptEmbedder();
  const config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  console.log(`embedder: ${loaded.embedder.id}${loaded.fallback ? `  (FALLBACK: ${loaded.warning})` : ''}`);
  const startedAt = performance.now();
  let lastStage: TrainingStage | 'embed' | null = null;
  const seed = await ensureSeedClassifier({
    embedder: loaded.embedder,
    trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
    publicDataDirectory: environment.ROUTEWISE_SHARED_DATA || null,
    artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
    training: trainingOptionsFor(config),
    force,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage) process.stdout.write('\n');
      lastStage = stage;
      process.stdout.write(`\r${stage.padEnd(12)} ${progressBar(total === 0 ? 1 : done / total)} ${done}/${total}`);
    },
  });
  const artifact = seed.artifact;
  if (!seed.trained) {
    console.log(`\nup to date: ${artifact.version} (use --force to retrain)`);
    return;
  }
  console.log(`\n\ntrained ${artifact.version} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s → ${seed.file}`);
  const sources = Object.entries(artifact.trainingData.perSource).map(([source, count]) => `${source} ${count}`).join(', ');
  console.log(`training data: ${artifact.trainingData.examples} examples (${sources})`);
  const { hyperparameters: settings, fit, calibration } = artifact;
  console.log(`fit: l2 ${settings.l2}, n-gram scale ${settings.ngramScale}, ${artifact.features.layout.ngramDimension} n-gram buckets; ${fit.iterations} L-BFGS iterations in ${fit.seconds} s, ${fit.converged ? 'converged' : 'NOT converged (iteration cap)'}`);
  console.log(`loss curve (every 5th iteration): ${fit.lossCurve.filter((_, index) => index % 5 === 0 || index === fit.lossCurve.length - 1).map((loss) => loss.toFixed(4)).join(' → ')}`);
  console.log(`calibration from ${settings.folds} source folds: temperature ${fixed(calibration.temperature)}, fallback threshold ${fixed(calibration.fallbackThreshold)} (${percent(calibration.threshold.confidentAccuracy)} of confident out-of-source predictions right, ${percent(calibration.threshold.fallbackShare)} sent to the fallback)`);
  const holdout = artifact.metrics.holdout;
  console.log(`out-of-source predictions (${holdout.examples}): macro-F1 ${fixed(holdout.macroF1)}, accuracy ${fixed(holdout.accuracy)}\n`);
  console.log(formatTable(['label', 'train examples', 'out-of-source F1'], TASK_LABELS.map((label) => [label, artifact.trainingData.perLabel[label] ?? 0, fixed(holdout.perLabel[label]?.f1 ?? 0)])));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
