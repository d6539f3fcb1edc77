import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  DEFAULT_ROW_TRAINING_OPTIONS,
  DEFAULT_TRAINING_OPTIONS,
  evaluateArtifactOnRows,
  featurizeSeedExamples,
  isHeldOut,
  readLabeledExamples,
  SHAPE_FEATURE_NAMES,
  trainOnFeatureRows,
  type FeatureRowExample,
} from '@routewise/classifier';
import { loadEmbedder } from '@routewise/embedder';
import { REQUEST_HOLDOUT_FRACTION } from '@routewise/retraining';
import { formatTable } from '../console-table';

const SIZES = [1_000, 10_000, 50_000];
const REPO_ROOT = path.resolve(__dirname, '../../..');
const MODEL_DIRECTORY = process.env['EMBEDDING_MODEL_DIR'] ?? path.resolve(REPO_ROOT, '../shared/models/routewise-static-en-64');

interface BenchResult {
  feedbackRows: number;
  seedRows: number;
  trainRows: number;
  replicatedRows: number;
  holdoutRows: number;
  embedMs: number;
  candidateMs: number;
  baselineMs: number;
  totalMs: number;
  rssBeforeTrainingMb: number;
  peakRssMb: number;
}

/**
 * `pnpm bench:retrain`: retraining time and peak memory for 1k, 10k and 50k synthetic feedback examples, each size
 * in a fresh node process. The rows are the seed prompts' own feature rows with Gaussian noise on the embedding block
 * (σ 0.02), labeled like the prompt they came from, 70% corrections (weight 1) and 30% thumbs-up (weight 0.5), split
 * by the feedback service's request-id rule. Measured: embedding the seed prompts, fitting the candidate (calibration
 * and final model), refitting and evaluating the seed baseline. Not measured: reading the rows from the database.
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
      ['feedback rows', 'train rows (replicated)', 'holdout', 'embed seeds', 'fit candidate', 'seed baseline', 'total', 'RSS before fit', 'peak RSS'],
      results.map((result) => [
        result.feedbackRows,
        `${result.trainRows} (${result.replicatedRows})`,
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
  const layout = { embeddingDimension: embedder.dimension, wordDimension: DEFAULT_TRAINING_OPTIONS.wordDimension, shapeFeatureCount: SHAPE_FEATURE_NAMES.length };
  const started = performance.now();
  const seedRows = await featurizeSeedExamples(readLabeledExamples(path.join(REPO_ROOT, 'data/prompts')), embedder, layout);
  const embedMs = performance.now() - started;
  const synthetic = syntheticFeedback(seedRows.filter((row) => row.split === 'train'), feedbackRows, layout.embeddingDimension);
  const rows = [...seedRows, ...synthetic];
  const rssBeforeTraining = process.memoryUsage().rss;

  const candidateStart = performance.now();
  const candidate = trainOnFeatureRows(rows, embedder, layout, DEFAULT_ROW_TRAINING_OPTIONS);
  const candidateMs = performance.now() - candidateStart;
  const baselineStart = performance.now();
  const holdout = rows.filter((row) => row.split === 'holdout');
  const baseline = trainOnFeatureRows([...seedRows.filter((row) => row.split === 'train'), ...holdout], embedder, layout, DEFAULT_ROW_TRAINING_OPTIONS);
  evaluateArtifactOnRows(baseline.artifact, holdout);
  const baselineMs = performance.now() - baselineStart;
  await embedder.close();
  return {
    feedbackRows,
    seedRows: seedRows.length,
    trainRows: candidate.artifact.trainingData.examples,
    replicatedRows: candidate.replicatedRows,
    holdoutRows: holdout.length,
    embedMs,
    candidateMs,
    baselineMs,
    totalMs: performance.now() - started,
    rssBeforeTrainingMb: Math.round(rssBeforeTraining / 2 ** 20),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Feedback-like rows as the database returns them (plain number arrays). */
function syntheticFeedback(sources: readonly FeatureRowExample[], count: number, embeddingDimension: number): FeatureRowExample[] {
  let state = 12345;
  const uniform = () => {
    state = (state * 1664525 + 1013904223) % 0x1_0000_0000;
    return (state + 0.5) / 0x1_0000_0000;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Array.from({ length: count }, (_, index) => {
    const source = sources[Math.floor(uniform() * sources.length)]!;
    const features = Array.from(source.features);
    for (let column = 0; column < embeddingDimension; column++) features[column] = features[column]! + 0.02 * gaussian();
    const id = `req_synthetic_${index}`;
    return { id, features, label: source.label, weight: uniform() < 0.7 ? 1 : 0.5, split: isHeldOut(id, REQUEST_HOLDOUT_FRACTION) ? 'holdout' : 'train' };
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main();
