import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  DEFAULT_TRAINING_OPTIONS,
  ensureSeedClassifier,
  evaluateArtifactOnRows,
  featureLayoutFor,
  featurizeSeedExamples,
  inheritFrom,
  isHeldOut,
  readSeedExamples,
  trainClassifier,
  type TrainingRow,
} from '@routewise/classifier';
import { loadEmbedder } from '@routewise/embedder';
import { REQUEST_HOLDOUT_FRACTION } from '@routewise/retraining';
import { formatTable } from '../console-table';
import { sharedDataDirectory } from '../evaluation/shared-data';

const SIZES = [1_000, 10_000, 20_000];
const REPO_ROOT = path.resolve(__dirname, '../../..');
const MODEL_DIRECTORY = process.env['EMBEDDING_MODEL_DIR'] ?? path.resolve(REPO_ROOT, '../shared/models/routewise-static-en-64');

interface BenchResult {
  feedbackRows: number;
  seedRows: number;
  trainRows: number;
  iterations: number;
  holdoutRows: number;
  embedMs: number;
  candidateMs: number;
  baselineMs: number;
  totalMs: number;
  rssBeforeTrainingMb: number;
  peakRssMb: number;
}

/**
 * `pnpm bench:retrain [sizes…]`: retraining time and peak memory with 1k, 10k and 20k synthetic feedback examples
 * beside the seed examples (the project's prompts and the public sets), each size in a fresh node process. The rows
 * are the seed examples' own feature rows with Gaussian noise on the embedding (σ 0.02), labeled like the example
 * they came from, 70% corrections (weight 1) and 30% thumbs-up (weight 0.5), split by the feedback service's
 * request-id rule. Measured: embedding the seed examples, fitting the candidate (warm-started from the seed
 * classifier, as a retrain does), refitting and evaluating the seed baseline. Not measured: reading the rows from
 * the database, and training the seed classifier itself (once, before the first size; it is cached).
 */
function main(): void {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    void runOne(Number(process.argv[child + 1])).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
    return;
  }
  const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
  const results = (sizes.length > 0 ? sizes : SIZES).map((size) => {
    process.stderr.write(`retraining with ${size} synthetic feedback rows …\n`);
    const output = execFileSync(process.execPath, [__filename, '--child', String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(output.trim().split('\n').at(-1)!) as BenchResult;
  });
  console.log(`node ${process.version}, ${MODEL_DIRECTORY}`);
  console.log(
    formatTable(
      ['feedback rows', 'train rows', 'iterations', 'holdout', 'embed seeds', 'fit candidate', 'seed baseline', 'total', 'RSS before fit', 'peak RSS'],
      results.map((result) => [
        result.feedbackRows,
        result.trainRows,
        result.iterations,
        result.holdoutRows,
        seconds(result.embedMs),
        seconds(result.candidateMs),
        seconds(result.baselineMs),
        seconds(result.totalMs),
        `${result.rssBeforeTrainingMb} MB`,
        `${result.peakRssMb} MB`,
      ]),
    ),
  );
}

async function runOne(feedbackRows: number): Promise<BenchResult> {
  const { embedder } = await loadEmbedder({ modelDirectory: MODEL_DIRECTORY, allowRemoteModels: false });
  const trainingDirectory = path.join(REPO_ROOT, 'data/prompts');
  const seed = await ensureSeedClassifier({ embedder, trainingDirectory, publicDataDirectory: sharedDataDirectory(), artifactDirectory: path.join(REPO_ROOT, '.data/bench/classifiers') });
  const layout = featureLayoutFor(embedder.dimension, DEFAULT_TRAINING_OPTIONS.hyperparameters.ngramDimension);
  const started = performance.now();
  const { own, publicExamples } = readSeedExamples(trainingDirectory, sharedDataDirectory());
  const seedRows = await featurizeSeedExamples([...own, ...publicExamples], embedder, layout);
  const embedMs = performance.now() - started;
  const synthetic = syntheticFeedback(seedRows.filter((row) => row.split === 'train'), feedbackRows, layout.embeddingDimension);
  const rows = [...seedRows, ...synthetic];
  const rssBeforeTraining = process.memoryUsage().rss;

  const candidateStart = performance.now();
  const candidate = trainClassifier(rows, embedder, layout, { ...DEFAULT_TRAINING_OPTIONS, folds: 0, inherit: inheritFrom(seed.artifact) });
  const candidateMs = performance.now() - candidateStart;
  const baselineStart = performance.now();
  const holdout = rows.filter((row) => row.split === 'holdout');
  const baseline = trainClassifier([...seedRows.filter((row) => row.split === 'train'), ...holdout], embedder, layout, { ...DEFAULT_TRAINING_OPTIONS, folds: 0, inherit: inheritFrom(seed.artifact) });
  evaluateArtifactOnRows(baseline.artifact, holdout);
  const baselineMs = performance.now() - baselineStart;
  await embedder.close();
  return {
    feedbackRows,
    seedRows: seedRows.length,
    trainRows: candidate.artifact.trainingData.examples,
    iterations: candidate.artifact.fit.iterations,
    holdoutRows: holdout.length,
    embedMs,
    candidateMs,
    baselineMs,
    totalMs: performance.now() - started,
    rssBeforeTrainingMb: Math.round(rssBeforeTraining / 2 ** 20),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Feedback-like rows: seed rows with noise on the embedding, as the database returns them. */
function syntheticFeedback(sources: readonly TrainingRow[], count: number, embeddingDimension: number): TrainingRow[] {
  let state = 12345;
  const uniform = () => {
    state = (state * 1664525 + 1013904223) % 0x1_0000_0000;
    return (state + 0.5) / 0x1_0000_0000;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Array.from({ length: count }, (_, index) => {
    const source = sources[Math.floor(uniform() * sources.length)]!;
    const dense = Float32Array.from(source.features.dense);
    for (let column = 0; column < embeddingDimension; column++) dense[column] = dense[column]! + 0.02 * gaussian();
    const id = `req_synthetic_${index}`;
    return { id, source: 'feedback', features: { dense, ngrams: source.features.ngrams }, label: source.label, weight: uniform() < 0.7 ? 1 : 0.5, split: isHeldOut(id, REQUEST_HOLDOUT_FRACTION) ? 'holdout' : 'train' };
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main();
