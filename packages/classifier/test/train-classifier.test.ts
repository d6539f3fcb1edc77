import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ArtifactDirectory,
  DEFAULT_HYPERPARAMETERS,
  DEFAULT_TRAINING_OPTIONS,
  describeTask,
  ensureSeedClassifier,
  featureLayoutFor,
  featurizeExamples,
  inheritFrom,
  OWN_PROMPTS_SOURCE,
  parseClassifierArtifact,
  SHAPE_FEATURE_NAMES,
  SoftmaxTaskClassifier,
  trainClassifier,
  type LabeledExample,
  type TrainingOptions,
  type TrainingResult,
  type TrainingRow,
} from '@routewise/classifier';
import { loadEmbedder, NGRAM_SCHEME, type Embedder } from '@routewise/embedder';
import { InsufficientTrainingDataError } from '@routewise/errors';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const PROMPTS = path.join(REPO_ROOT, 'data/prompts');
const STATIC_MODEL = path.resolve(REPO_ROOT, '../shared/models/routewise-static-en-64');
const NGRAM_DIMENSION = 4096;
const PER_FILE = 30;

const hyperparameters = { ...DEFAULT_HYPERPARAMETERS, ngramDimension: NGRAM_DIMENSION };
const OPTIONS: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, hyperparameters, folds: 3 };

const hashOf = (text: string) => createHash('sha256').update(text).digest();

/**
 * A small, fixed subset of data/prompts read here: from each file the PER_FILE prompts with the smallest id hashes,
 * with the file as the source; about one in six held out (by id hash, independently of the sample).
 */
function sampleExamples(): Array<LabeledExample & { source: string; split: 'train' | 'holdout' }> {
  return readdirSync(PROMPTS)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => {
      const examples = readFileSync(path.join(PROMPTS, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LabeledExample);
      return examples
        .sort((a, b) => Buffer.compare(hashOf(a.id), hashOf(b.id)))
        .slice(0, PER_FILE)
        .map((example) => ({ ...example, source: name.replace(/\.jsonl$/, ''), split: hashOf(`split:${example.id}`)[0]! < 43 ? ('holdout' as const) : ('train' as const) }));
    });
}

function countBy<T extends string>(values: readonly T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** New prompts, written for this test, whose label nobody would argue about. */
const OBVIOUS: Array<[string, TaskLabel]> = [
  ['Write a haiku about autumn leaves falling on a quiet pond.', 'creative'],
  ['Write a Python function that returns the n-th Fibonacci number using memoization.', 'code'],
  ['Classify the sentiment of this product review as positive, negative or neutral: "The battery died after two days."', 'classify'],
  ['A shop sells pens at $3 each and notebooks at $5 each. Sam buys 4 pens and some notebooks and pays $37 in total. How many notebooks did he buy?', 'reasoning'],
  ['What is the capital city of Australia?', 'chat'],
  [
    'Summarize this article in three bullet points:\n\nThe city council voted on Tuesday to extend the tram line to the airport. The project will cost 240 million euros, paid mostly by the regional government, and construction starts next spring. Supporters say it will cut car traffic on the ring road; opponents worry about two years of roadworks in the old town.',
    'summarize',
  ],
  ['Design the architecture for migrating our 60-module Java monolith to microservices, with the service boundaries, data migration plan and a refactor of the shared persistence layer.', 'code_hard'],
];

describe('trainClassifier on a few hundred of the project prompts, with the shared static embedder', () => {
  let embedder: Embedder;
  let rows: TrainingRow[];
  let result: TrainingResult;
  const layout = () => featureLayoutFor(embedder.dimension, NGRAM_DIMENSION);

  beforeAll(async () => {
    const loaded = await loadEmbedder({ modelDirectory: STATIC_MODEL, allowRemoteModels: false });
    expect(loaded.fallback).toBe(false);
    embedder = loaded.embedder;
    const examples = sampleExamples();
    const features = await featurizeExamples(examples, embedder, layout());
    rows = examples.map((example, index) => ({ id: example.id, source: example.source, label: example.label, weight: 1, split: example.split, features: features[index]! }));
    result = trainClassifier(rows, embedder, layout(), OPTIONS);
  }, 180_000);

  afterAll(async () => {
    await embedder?.close();
  });

  const train = () => rows.filter((row) => row.split === 'train');
  const holdout = () => rows.filter((row) => row.split === 'holdout');

  it('uses a sample of every label, on both sides of the split', () => {
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.length).toBeLessThan(600);
    expect(holdout().length).toBeGreaterThan(40);
    for (const label of TASK_LABELS) expect(train().some((row) => row.label === label)).toBe(true);
  });

  it('produces an artifact that survives JSON and the schema, and records what it was trained with', () => {
    const { artifact } = result;
    const parsed = parseClassifierArtifact(JSON.parse(JSON.stringify(artifact)));
    expect(parsed).toEqual(artifact);
    expect(artifact.labels).toEqual([...TASK_LABELS]);
    expect(artifact.embedder).toEqual({ id: embedder.id, kind: embedder.kind, dimension: 64 });
    expect(artifact.features.layout).toEqual({ embeddingDimension: 64, ngramDimension: NGRAM_DIMENSION, ngramScheme: NGRAM_SCHEME, shapeFeatureCount: SHAPE_FEATURE_NAMES.length });
    expect(artifact.trainingData.examples).toBe(train().length);
    expect(artifact.trainingData.perLabel).toEqual({ ...Object.fromEntries(TASK_LABELS.map((label) => [label, 0])), ...countBy(train().map((row) => row.label)) });
    expect(artifact.trainingData.perSource).toEqual(countBy(train().map((row) => row.source)));
    expect(artifact.hyperparameters).toMatchObject({ l2: hyperparameters.l2, ngramScale: hyperparameters.ngramScale, folds: 3 });
    expect(artifact.metrics.holdout.examples).toBe(holdout().length);
    // Weights for [embedding + shape features, n-gram buckets, bias] × seven labels.
    expect(inheritFrom(artifact).weights).toHaveLength((64 + SHAPE_FEATURE_NAMES.length + NGRAM_DIMENSION + 1) * TASK_LABELS.length);
  });

  it('converges, with a loss that never increases', () => {
    const { fit } = result.artifact;
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.lossCurve).toHaveLength(fit.iterations + 1);
    // The final fit starts from the fold models' mean weights: already far below the ln 7 of all-zero weights.
    expect(fit.lossCurve[0]).toBeLessThan(Math.log(TASK_LABELS.length));
    for (let index = 1; index < fit.lossCurve.length; index++) expect(fit.lossCurve[index]!).toBeLessThanOrEqual(fit.lossCurve[index - 1]!);
  });

  it('calibrates: a positive temperature and a fallback threshold in (0, 1] chosen for the precision target', () => {
    const { calibration } = result.artifact;
    expect(calibration.temperature).toBeGreaterThan(0);
    expect(Number.isFinite(calibration.temperature)).toBe(true);
    expect(calibration.fallbackThreshold).toBeGreaterThan(0);
    expect(calibration.fallbackThreshold).toBeLessThanOrEqual(1);
    expect(calibration.threshold).toMatchObject({ targetPrecision: 0.9, predictions: train().length });
    expect(calibration.threshold.fallbackShare).toBeGreaterThanOrEqual(0);
    expect(calibration.threshold.fallbackShare).toBeLessThanOrEqual(1);
    // Either the target was met on the out-of-source predictions, or everything goes to the fallback.
    if (calibration.fallbackThreshold < 1) expect(calibration.threshold.confidentAccuracy).toBeGreaterThanOrEqual(0.9);
    else expect(calibration.threshold.fallbackShare).toBe(1);
    // With seven labels the most likely one has probability above 1/7.
    expect(calibration.fallbackThreshold).toBeGreaterThan(1 / TASK_LABELS.length);
  });

  it('predicts the held-out prompts far better than chance', () => {
    expect(result.report.accuracy).toBe(result.artifact.metrics.holdout.accuracy);
    // Chance is 1/7; a few hundred training prompts give about 0.6.
    expect(result.artifact.metrics.holdout.accuracy).toBeGreaterThan(3 / TASK_LABELS.length);
    expect(result.artifact.metrics.holdout.macroF1).toBeGreaterThan(0.35);
  });

  it('classifies new, obviously labeled prompts right, with probabilities over all seven labels', async () => {
    const classifier = new SoftmaxTaskClassifier(parseClassifierArtifact(JSON.parse(JSON.stringify(result.artifact))));
    expect(classifier).toMatchObject({ version: result.artifact.version, embedderId: embedder.id, fallbackThreshold: result.artifact.calibration.fallbackThreshold });
    const descriptions = OBVIOUS.map(([prompt]) => describeTask([{ role: 'user', content: prompt }]));
    const embeddings = await embedder.embed(descriptions.map((description) => description.text));
    const predicted = descriptions.map((description, index) => {
      const prediction = classifier.classify({ embedding: embeddings[index]!, description });
      const probabilities = Object.values(prediction.probabilities);
      expect(Object.keys(prediction.probabilities).sort()).toEqual([...TASK_LABELS].sort());
      expect(probabilities.reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 9);
      expect(prediction.confidence).toBe(Math.max(...probabilities));
      expect(prediction.probabilities[prediction.task]).toBe(prediction.confidence);
      expect(prediction.features.dense).toHaveLength(64 + SHAPE_FEATURE_NAMES.length);
      return [OBVIOUS[index]![0], prediction.task];
    });
    expect(predicted).toEqual(OBVIOUS);
  });

  it('refuses an embedding of another size', () => {
    const classifier = new SoftmaxTaskClassifier(result.artifact);
    expect(() => classifier.classify({ embedding: new Float32Array(32), description: describeTask([{ role: 'user', content: 'hi' }]) })).toThrow(/dimensions/);
  });

  it('leaves its artifact as plain JSON, and is found again on disk only for the same embedder and data', () => {
    const before = JSON.stringify(result.artifact);
    new SoftmaxTaskClassifier(result.artifact).classifyRow(rows[0]!.features);
    expect(JSON.stringify(result.artifact)).toBe(before);
    const directory = mkdtempSync(path.join(tmpdir(), 'routewise-artifacts-'));
    try {
      const store = new ArtifactDirectory(directory);
      store.save(result.artifact);
      expect(store.findNewest(embedder.id, result.artifact.trainingData.digest)?.version).toBe(result.artifact.version);
      expect(store.findNewest(embedder.id)?.version).toBe(result.artifact.version);
      expect(store.findNewest(embedder.id, 'sha256:other')).toBeNull();
      expect(store.findNewest('local:other-model@000000000000')).toBeNull();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('never fits the holdout rows, and with folds 0 keeps the inherited calibration', () => {
    const inherit = inheritFrom(result.artifact);
    const options = { ...OPTIONS, folds: 0, inherit };
    const first = trainClassifier(rows, embedder, layout(), options);
    // Scrambling the holdout labels changes the measurement, not the model.
    const scrambled = rows.map((row) => (row.split === 'holdout' ? { ...row, label: TASK_LABELS[(TASK_LABELS.indexOf(row.label) + 3) % TASK_LABELS.length]! } : row));
    const second = trainClassifier(scrambled, embedder, layout(), options);
    expect(second.artifact.model.weights).toBe(first.artifact.model.weights);
    expect(second.artifact.metrics.holdout.accuracy).toBeLessThan(first.artifact.metrics.holdout.accuracy - 0.3);
    expect(first.artifact.calibration).toEqual(result.artifact.calibration);
    // Started from the fitted weights, the final fit has little left to do.
    expect(first.artifact.fit.iterations).toBeLessThan(result.artifact.fit.iterations);
  }, 120_000);

  it('rejects a label without training rows, a layout that does not match, and folds 0 without a model to inherit from', () => {
    const withoutSummaries = rows.filter((row) => row.label !== 'summarize' || row.split === 'holdout');
    expect(() => trainClassifier(withoutSummaries, embedder, layout(), OPTIONS)).toThrow(InsufficientTrainingDataError);
    expect(() => trainClassifier(withoutSummaries, embedder, layout(), OPTIONS)).toThrow(/summarize/);
    expect(() => trainClassifier(rows, embedder, featureLayoutFor(64, NGRAM_DIMENSION * 2), OPTIONS)).toThrow(RangeError);
    expect(() => trainClassifier(rows, embedder, layout(), { ...OPTIONS, folds: 0 })).toThrow(RangeError);
  });
});

/** A public set in vicuna_bench's format, written for this test (not copied from ../shared/data). */
const OWN_VICUNA_ROWS: Array<[category: string, prompt: string]> = [
  ['writing', 'Write a short poem about a lighthouse keeper who talks to the gulls.'],
  ['writing', 'Draft a cheerful invitation to a neighbourhood bake sale.'],
  ['writing', 'Tell a two-paragraph story about a robot learning to paint.'],
  ['coding', 'Write a JavaScript function that removes duplicate values from an array.'],
  ['coding', 'Fix this Python loop so it stops at the last index: for i in range(len(xs) + 1): print(xs[i])'],
  ['coding', 'Write a SQL query that counts orders per customer in the last 30 days.'],
  ['math', 'If 3x + 7 = 25, what is x? Show your steps.'],
  ['math', 'A tank fills at 12 litres per minute and drains at 5. How long until 350 litres?'],
  ['fermi', 'Roughly how many piano tuners work in a city of two million people? Reason it out.'],
  ['generic', 'What are some good ways to stay focused while working from home?'],
  ['knowledge', 'Why is the sky blue?'],
  ['counterfactual', 'What would happen if the moon were twice as far away?'],
];

describe('ensureSeedClassifier', () => {
  let embedder: Embedder;
  let directory: string;
  let trainingDirectory: string;
  let publicDataDirectory: string;

  beforeAll(async () => {
    embedder = (await loadEmbedder({ modelDirectory: STATIC_MODEL, allowRemoteModels: false })).embedder;
    directory = mkdtempSync(path.join(tmpdir(), 'routewise-seed-classifier-'));
    trainingDirectory = path.join(directory, 'prompts');
    publicDataDirectory = path.join(directory, 'public');
    mkdirSync(trainingDirectory);
    mkdirSync(path.join(publicDataDirectory, 'vicuna_bench'), { recursive: true });
    // A training folder of its own: 15 prompts per label from the sample above.
    const byLabel = new Map<TaskLabel, LabeledExample[]>();
    for (const example of sampleExamples()) byLabel.set(example.label, [...(byLabel.get(example.label) ?? []), { id: example.id, label: example.label, messages: example.messages }]);
    for (const [label, examples] of byLabel) {
      writeFileSync(path.join(trainingDirectory, `${label}.jsonl`), examples.slice(0, 15).map((example) => JSON.stringify(example)).join('\n'));
    }
    writeFileSync(
      path.join(publicDataDirectory, 'vicuna_bench/question.jsonl'),
      OWN_VICUNA_ROWS.map(([category, prompt], index) => JSON.stringify({ question_id: index + 1, category, turns: [prompt] })).join('\n'),
    );
  }, 60_000);

  afterAll(async () => {
    await embedder?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('trains and saves once, then reuses the saved classifier until the data or settings change', async () => {
    const artifactDirectory = path.join(directory, 'classifiers');
    const training = { ...OPTIONS, folds: 2 };
    const options = { embedder, trainingDirectory, publicDataDirectory, artifactDirectory, training };
    const first = await ensureSeedClassifier(options);
    // The counterfactual question has no mapping.
    expect(first).toMatchObject({ trained: true, publicExamples: OWN_VICUNA_ROWS.length - 1 });
    expect(first.file).not.toBeNull();
    expect(parseClassifierArtifact(JSON.parse(readFileSync(first.file!, 'utf8'))).version).toBe(first.artifact.version);
    expect(first.artifact.trainingData.examples).toBe(15 * TASK_LABELS.length + OWN_VICUNA_ROWS.length - 1);
    // Each file of the project's prompts is a source of its own (`routewise_prompts/<file>`).
    expect(first.artifact.trainingData.perSource).toEqual({
      ...Object.fromEntries(TASK_LABELS.map((label) => [`${OWN_PROMPTS_SOURCE}/${label}`, 15])),
      vicuna_bench: OWN_VICUNA_ROWS.length - 1,
    });

    const second = await ensureSeedClassifier(options);
    expect(second).toMatchObject({ trained: false, file: null });
    expect(second.artifact.version).toBe(first.artifact.version);

    // Other settings are another seed classifier.
    const other = await ensureSeedClassifier({ ...options, training: { ...training, targetPrecision: 0.8 } });
    expect(other.trained).toBe(true);
    expect(other.artifact.calibration.threshold.targetPrecision).toBe(0.8);
  }, 120_000);

  it('trains from the project prompts alone when there is no public data (publicDataDirectory null)', async () => {
    // Documented: the public sets are "skipped when [they do] not exist", and the router then only warns that the
    // seed classifier knows only the project's own prompts.
    const seed = await ensureSeedClassifier({ embedder, trainingDirectory, publicDataDirectory: null, artifactDirectory: path.join(directory, 'own-only'), training: { ...OPTIONS, folds: 2 } });
    expect(seed).toMatchObject({ trained: true, publicExamples: 0 });
    expect(seed.artifact.trainingData.examples).toBe(15 * TASK_LABELS.length);
    expect(seed.artifact.calibration.fallbackThreshold).toBeGreaterThan(0);
    expect(seed.artifact.calibration.fallbackThreshold).toBeLessThanOrEqual(1);
  }, 120_000);

  it('trains from a single file of prompts without public data (one source: no out-of-source folds possible)', async () => {
    const single = path.join(directory, 'single-file');
    mkdirSync(single);
    const lines = readdirSync(trainingDirectory)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readFileSync(path.join(trainingDirectory, name), 'utf8').split('\n').filter((line) => line.trim() !== ''));
    writeFileSync(path.join(single, 'prompts.jsonl'), lines.join('\n'));
    const seed = await ensureSeedClassifier({ embedder, trainingDirectory: single, publicDataDirectory: null, artifactDirectory: path.join(directory, 'single-file-classifiers'), training: { ...OPTIONS, folds: 2 } });
    expect(seed).toMatchObject({ trained: true, publicExamples: 0 });
    expect(seed.artifact.trainingData.examples).toBe(15 * TASK_LABELS.length);
  }, 120_000);
});
