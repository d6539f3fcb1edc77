import path from 'node:path';
import { ensureSeedClassifier, type TrainingStage } from '@routewise/classifier';
import { TASK_LABELS } from '@routewise/taxonomy';
import { fixed, formatTable } from './console-table';
import { loadScriptEmbedder } from './script-embedder';

/**
 * `pnpm train:classifier [--force]`: trains the initial classifier from data/prompts for the configured embedder and
 * saves the artifact where the router looks for it ($ROUTEWISE_DATA_DIR/classifiers). Without --force an artifact for
 * the same embedder and training data is reused.
 */
async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const { environment, loaded } = await loadScriptEmbedder();
  console.log(`embedder: ${loaded.embedder.id}${loaded.fallback ? `  (FALLBACK: ${loaded.warning})` : ''}`);
  const startedAt = performance.now();
  let lastStage: TrainingStage | null = null;
  const seed = await ensureSeedClassifier({
    embedder: loaded.embedder,
    trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
    artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
    force,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage) process.stdout.write(`\n${stage} `);
      lastStage = stage;
      process.stdout.write(`\r${stage.padEnd(18)} ${progressBar(done / total)} ${done}/${total}`);
    },
  });
  const artifact = seed.artifact;
  console.log(`\n\n${seed.trained ? `trained ${artifact.version} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s → ${seed.file}` : `up to date: ${artifact.version} (use --force to retrain)`}`);
  console.log(`training data: ${artifact.trainingData.examples} prompts, ${artifact.trainingData.digest.slice(0, 19)}…; steps ${artifact.hyperparameters.numSteps}, learning rate ${artifact.hyperparameters.learningRate}, temperature ${fixed(artifact.calibration.temperature)}`);
  const holdout = artifact.metrics.holdout;
  console.log(`held-out own prompts (${holdout.examples}): macro-F1 ${fixed(holdout.macroF1)}, accuracy ${fixed(holdout.accuracy)}\n`);
  console.log(formatTable(['label', 'train examples', 'holdout F1'], TASK_LABELS.map((label) => [label, artifact.trainingData.perLabel[label] ?? 0, fixed(holdout.perLabel[label]?.f1 ?? 0)])));
}

function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
