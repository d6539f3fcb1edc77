import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_HYPERPARAMETERS,
  DEFAULT_TRAINING_OPTIONS,
  describeTask,
  featureLayoutFor,
  featureRowOf,
  featurizeSeedExamples,
  isHeldOut,
  parseClassifierArtifact,
  readLabeledExamples,
  toWireFeatureRow,
  type FeatureLayout,
  type TrainingOptions,
  type WireFeatureRow,
} from '@routewise/classifier';
import {
  createDatabase,
  findActiveClassifier,
  findClassifierVersion,
  findDecision,
  insertDecisions,
  insertTrainingExamples,
  listClassifierVersions,
  migrateToLatest,
  upsertFeedback,
  type Database,
  type Kysely,
  type NewDecision,
  type NewTrainingExample,
} from '@routewise/database';
import { decodeNgramCounts, loadEmbedder, type Embedder } from '@routewise/embedder';
import { gatherDatabaseExamples, retrainClassifier, type RetrainOptions } from '@routewise/retraining';
import type { TaskLabel } from '@routewise/taxonomy';
import { REPO_ROOT, SHARED_STATIC_MODEL } from '@routewise/test-support';

const PROMPTS_DIRECTORY = path.join(REPO_ROOT, 'data/prompts');
/** Prompts taken from each file of data/prompts (a fixed sample by id hash), so a retrain takes seconds, not minutes. */
const PROMPTS_PER_FILE = 50;
const NGRAM_DIMENSION = 4096;
/** Small n-gram tables and two source folds keep the seed training and each retrain to seconds. */
const TRAINING: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, folds: 2, hyperparameters: { ...DEFAULT_HYPERPARAMETERS, ngramDimension: NGRAM_DIMENSION } };

/**
 * A public set in vicuna_bench's format with prompts written for this test (nothing copied from ../shared/data), so
 * the public-set path is exercised: reading the real sets costs seconds per retrain.
 */
const OWN_PUBLIC_ROWS: Array<[category: string, prompt: string]> = [
  ['writing', 'Write a short poem about a lighthouse keeper who talks to the gulls.'],
  ['writing', 'Draft a cheerful invitation to a neighbourhood bake sale.'],
  ['coding', 'Write a JavaScript function that removes duplicate values from an array.'],
  ['coding', 'Write a SQL query that counts orders per customer in the last 30 days.'],
  ['math', 'If 3x + 7 = 25, what is x? Show your steps.'],
  ['fermi', 'Roughly how many piano tuners work in a city of two million people? Reason it out.'],
  ['generic', 'What are some good ways to stay focused while working from home?'],
  ['knowledge', 'Why is the sky blue?'],
];

let embedder: Embedder;
let layout: FeatureLayout;
let workDirectory: string;
/** The seed prompts: a sample of every file of data/prompts, under the same file names (each file is a source). */
let trainingDirectory: string;
let publicDataDirectory: string;
let artifactDirectory: string;

beforeAll(async () => {
  const loaded = await loadEmbedder({ modelDirectory: SHARED_STATIC_MODEL, allowRemoteModels: false });
  expect(loaded.fallback).toBe(false);
  embedder = loaded.embedder;
  layout = featureLayoutFor(embedder.dimension, NGRAM_DIMENSION);
  workDirectory = mkdtempSync(path.join(tmpdir(), 'routewise-retrain-'));
  publicDataDirectory = path.join(workDirectory, 'public');
  trainingDirectory = path.join(workDirectory, 'prompts');
  mkdirSync(trainingDirectory);
  // Salted: the seed holdout is chosen by the unsalted id hash, and the sample must not lean to either side of it.
  const hashOf = (line: string) => createHash('sha256').update(`retrain-test-sample:${(JSON.parse(line) as { id: string }).id}`).digest('hex');
  for (const name of readdirSync(PROMPTS_DIRECTORY).filter((file) => file.endsWith('.jsonl'))) {
    const lines = readFileSync(path.join(PROMPTS_DIRECTORY, name), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const sample = lines.map((line) => ({ line, key: hashOf(line) })).sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, PROMPTS_PER_FILE);
    writeFileSync(path.join(trainingDirectory, name), sample.map(({ line }) => line).join('\n'));
  }
  // Shared by every test in this file: the seed classifier is trained here by the first retrain and reused after.
  artifactDirectory = path.join(workDirectory, 'classifiers');
  mkdirSync(path.join(publicDataDirectory, 'vicuna_bench'), { recursive: true });
  writeFileSync(
    path.join(publicDataDirectory, 'vicuna_bench/question.jsonl'),
    OWN_PUBLIC_ROWS.map(([category, prompt], index) => JSON.stringify({ question_id: index + 1, category, turns: [prompt] })).join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await embedder?.close();
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
});

const retrainOptions = (db: Kysely<Database>, overrides: Partial<RetrainOptions> = {}): RetrainOptions => ({
  db,
  embedder,
  trainingDirectory,
  publicDataDirectory,
  artifactDirectory,
  training: TRAINING,
  ...overrides,
});

async function freshDatabase(): Promise<Kysely<Database>> {
  const db = await createDatabase();
  await migrateToLatest(db);
  return db;
}

/** Retraining against a real (in-memory PGlite) database, a sample of the real seed prompts and the shared static embedder. */
describe('retrainClassifier', () => {
  let db: Kysely<Database>;

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('writes nothing on a dry run', async () => {
    const ownPrompts = readLabeledExamples(trainingDirectory).length;
    expect(ownPrompts).toBeGreaterThan(500);
    const report = await retrainClassifier(retrainOptions(db, { dryRun: true }));
    expect(report).toMatchObject({ dryRun: true, storedStatus: null, baseline: { kind: 'seed', version: null }, embedderId: embedder.id });
    expect(report.examples.bySource.seed.train + report.examples.bySource.seed.holdout).toBe(ownPrompts + OWN_PUBLIC_ROWS.length);
    expect(report.examples.bySource.seed.holdout).toBeGreaterThan(0);
    expect(report.examples.bySource.fallback_llm).toEqual({ train: 0, holdout: 0 });
    expect(await listClassifierVersions(db)).toEqual([]);
  }, 240_000);

  it('promotes a first candidate that is no worse than the seed classifier, as an artifact routers can load', async () => {
    const report = await retrainClassifier(retrainOptions(db));
    expect(report.decision).toBe('promote');
    expect(report.storedStatus).toBe('active');
    const active = await findActiveClassifier(db);
    expect(active?.version).toBe(report.candidate.version);
    const artifact = parseClassifierArtifact(active!.artifact);
    expect(artifact.embedder.id).toBe(embedder.id);
    expect(artifact.features.layout).toEqual(layout);
    // A retrain keeps the seed classifier's calibration (chosen on out-of-source predictions) and refits once.
    expect(artifact.hyperparameters.folds).toBe(0);
    expect(report.candidate.temperature).toBeGreaterThan(0);
    expect(report.candidate.fallbackThreshold).toBeGreaterThan(0);
    expect(report.candidate.fallbackThreshold).toBeLessThanOrEqual(1);
    expect(report.candidate.converged).toBe(true);
  }, 240_000);

  it('rejects a candidate trained on corrections that contradict the holdout, and keeps the active version', async () => {
    const activeBefore = (await findActiveClassifier(db))!.version;
    // Users "correct" every training prompt about code to chat and every reasoning prompt to creative: the
    // candidate learns it, the fixed holdout (labeled as the data says) shows it.
    const swaps: Partial<Record<TaskLabel, TaskLabel>> = { code: 'chat', reasoning: 'creative' };
    const seedRows = await featurizeSeedExamples(readLabeledExamples(trainingDirectory), embedder, layout);
    const corrections: NewTrainingExample[] = seedRows
      .filter((row) => row.split === 'train' && swaps[row.label] !== undefined)
      .flatMap((row, index) => {
        const wire = toWireFeatureRow(row.features);
        return [0, 1].map((copy) => ({
          request_id: `contradiction-${index}-${copy}`,
          source: 'user_correction' as const,
          label: swaps[row.label]!,
          text: null,
          features: wire.dense,
          ngram_counts: wire.ngrams,
          feature_layout: layout,
          embedder_id: embedder.id,
          weight: 1,
          split: 'train' as const,
        }));
      });
    const otherEmbedder = { ...corrections[0]!, request_id: 'other-embedder', embedder_id: 'local:another-model@000000000000' };
    const otherLayout = { ...corrections[0]!, request_id: 'other-layout', feature_layout: featureLayoutFor(embedder.dimension, NGRAM_DIMENSION * 2) };
    const withoutFeatures = { ...corrections[0]!, request_id: 'text-only', features: null, ngram_counts: null, feature_layout: null, text: 'how do I reverse a list' };
    await insertTrainingExamples(db, [...corrections, otherEmbedder, otherLayout, withoutFeatures]);

    const report = await retrainClassifier(retrainOptions(db, { marginMacroF1: 0.01 }));
    expect(report.examples.bySource.user_correction.train).toBe(corrections.length);
    expect(report.examples.skipped).toMatchObject({ otherEmbedder: 1, otherLayout: 1, withoutFeatures: 1 });
    expect(report.baseline).toMatchObject({ kind: 'active', version: activeBefore });
    expect(report.candidate.metrics.macroF1).toBeLessThan(report.baseline.metrics.macroF1 - 0.01);
    expect(report.candidate.metrics.perLabel.code.f1).toBeLessThan(report.baseline.metrics.perLabel.code.f1);
    expect(report).toMatchObject({ decision: 'reject', storedStatus: 'rejected' });

    expect((await findActiveClassifier(db))!.version).toBe(activeBefore);
    const rejected = (await listClassifierVersions(db)).find((version) => version.version === report.candidate.version)!;
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toContain(report.candidate.metrics.macroF1.toFixed(4));
    expect(rejected.reason).toContain(report.baseline.metrics.macroF1.toFixed(4));
  }, 300_000);

  it('retrains without public data (publicDataDirectory null), from the project prompts alone', async () => {
    // RetrainOptions documents null for "none"; the feedback service passes it when ROUTEWISE_SHARED_DATA is unset.
    const report = await retrainClassifier(retrainOptions(db, { publicDataDirectory: null, artifactDirectory: path.join(workDirectory, 'own-only'), dryRun: true }));
    expect(report.examples.bySource.seed.train + report.examples.bySource.seed.holdout).toBe(readLabeledExamples(trainingDirectory).length);
  }, 240_000);
});

describe('fallback-LLM labels', () => {
  let db: Kysely<Database>;
  const rows = new Map<string, WireFeatureRow>();

  /** What the router stores for a request: the dense part and the base64 n-gram counts of its feature row. */
  async function wireRow(prompt: string): Promise<WireFeatureRow> {
    const description = describeTask([{ role: 'user', content: prompt }]);
    const [embedding] = await embedder.embed([description.text]);
    return toWireFeatureRow(featureRowOf(embedding!, description, layout));
  }

  function decision(requestId: string, task: string, wire: WireFeatureRow | null, overrides: Partial<NewDecision> = {}): NewDecision {
    return {
      request_id: requestId,
      created_at: new Date('2026-12-01T10:00:00.000Z'),
      kind: 'completion',
      task,
      confidence: 0.41,
      probabilities: { [task]: 0.41 },
      classifier_task: 'chat',
      source: 'llm',
      reason: `fallback LLM: ${task}`,
      rule: null,
      model: 'gpt-4o-mini',
      provider: 'openai',
      fallback_model: 'gpt-4o-mini',
      fallback_cost_usd: 0.00002,
      stream: false,
      simulated: true,
      user_tier: null,
      caller_key_hash: null,
      prompt_tokens: 40,
      completion_tokens: 120,
      cached_input_tokens: 0,
      reasoning_tokens: 0,
      cost_usd: 0.0001,
      cost_estimated: false,
      routing_ms: 180,
      upstream_ms: 600,
      total_ms: 790,
      embedder_id: embedder.id,
      classifier_version: 'seed',
      status: 'ok',
      error_code: null,
      prompt_hash: `hash-${requestId}`,
      prompt_text: null,
      features: wire?.dense ?? null,
      ngram_counts: wire?.ngrams ?? null,
      feature_layout: wire ? layout : null,
      ...overrides,
    };
  }

  /** Decisions the fallback LLM labeled, and what `listFallbackLabeledDecisions` should make of each. */
  const LLM_LABELED: Array<[requestId: string, task: TaskLabel, prompt: string]> = [
    ['llm-haiku', 'creative', 'Write a haiku about the first snow of the year.'],
    ['llm-regex', 'code', 'Give me a regex that matches a UK postcode.'],
    ['llm-minutes', 'summarize', 'Condense these meeting minutes into three action items: Anna will book the venue, Ben drafts the budget by Friday, and everyone reviews the agenda.'],
    ['llm-puzzle', 'reasoning', 'Five friends sit in a row; Ana is not at either end and Bo sits left of Cy. How many seatings are possible?'],
    // The LLM's label, while learned routing picked the model: the route source is `learned`, the task still the LLM's.
    ['llm-learned-route', 'classify', 'Is this review positive or negative: "the strap broke on day two"?'],
  ];

  beforeAll(async () => {
    db = await freshDatabase();
    const prompts: Record<string, string> = {
      'llm-rated': 'Tell me a joke about databases.',
      'llm-thumbs-up': 'Translate "good night" into Italian.',
      'classifier-decided': 'Write a limerick about a cat.',
      'llm-other-embedder': 'Sort these numbers: 5, 2, 9.',
      'llm-other-layout': 'Explain recursion to a child.',
      'llm-unknown-label': 'Tag this email as spam or not spam.',
      ...Object.fromEntries(LLM_LABELED.map(([requestId, , prompt]) => [requestId, prompt])),
    };
    for (const [requestId, prompt] of Object.entries(prompts)) rows.set(requestId, await wireRow(prompt));
    const otherLayout = featureLayoutFor(embedder.dimension, NGRAM_DIMENSION * 2);
    await insertDecisions(db, [
      ...LLM_LABELED.map(([requestId, task]) => decision(requestId, task, rows.get(requestId)!, requestId === 'llm-learned-route' ? { source: 'learned' } : {})),
      // Rated by a user, who said it was chat: the user's word is the training example, the LLM's label is not added.
      decision('llm-rated', 'creative', rows.get('llm-rated')!),
      // A thumbs-up with no training example (yet): any feedback keeps the LLM's label out.
      decision('llm-thumbs-up', 'chat', rows.get('llm-thumbs-up')!),
      // Not labeled by the fallback LLM.
      decision('classifier-decided', 'creative', rows.get('classifier-decided')!, { source: 'classifier', classifier_task: 'creative', fallback_model: null, fallback_cost_usd: 0 }),
      // Labeled with another embedder, or with another n-gram layout, or before feature rows were kept.
      decision('llm-other-embedder', 'code', rows.get('llm-other-embedder')!, { embedder_id: 'local:another-model@000000000000' }),
      decision('llm-other-layout', 'chat', rows.get('llm-other-layout')!, { feature_layout: otherLayout }),
      decision('llm-without-features', 'chat', null),
      // A task the taxonomy does not have.
      decision('llm-unknown-label', 'spam_detection', rows.get('llm-unknown-label')!),
    ]);
    await upsertFeedback(db, { request_id: 'llm-rated', rating: 'down', corrected_task: 'chat' });
    await upsertFeedback(db, { request_id: 'llm-thumbs-up', rating: 'up' });
    const rated = rows.get('llm-rated')!;
    await insertTrainingExamples(db, [
      { request_id: 'llm-rated', source: 'user_correction', label: 'chat', text: null, features: rated.dense, ngram_counts: rated.ngrams, feature_layout: layout, embedder_id: embedder.id, weight: 1, split: 'train' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
  });

  it('stores the feature row with the decision, n-gram counts unchanged', async () => {
    const stored = await findDecision(db, 'llm-haiku');
    const wire = rows.get('llm-haiku')!;
    expect(stored).toMatchObject({ source: 'llm', task: 'creative', ngram_counts: wire.ngrams, feature_layout: layout });
    expect(stored!.features).toHaveLength(wire.dense.length);
    stored!.features!.forEach((value, index) => expect(value).toBeCloseTo(wire.dense[index]!, 5));
  });

  it('gathers each unrated decision the LLM labeled as a fallback_llm row with the configured weight', async () => {
    const { examples, skipped } = await gatherDatabaseExamples(db, { embedderId: embedder.id, layout, fallbackLabelWeight: 0.25 });
    const fallback = examples.filter((example) => example.source === 'fallback_llm');
    expect(fallback.map((example) => [example.id, example.label, example.weight]).sort()).toEqual(LLM_LABELED.map(([requestId, task]) => [requestId, task, 0.25]).sort());
    for (const example of fallback) {
      expect(example.split).toBe(isHeldOut(example.id, 0.2) ? 'holdout' : 'train');
      // The row the router computed, read back: the same n-grams, the dense part at float4 precision.
      const wire = rows.get(example.id)!;
      expect(Array.from(example.features.ngrams)).toEqual(Array.from(decodeNgramCounts(wire.ngrams)));
      Array.from(example.features.dense).forEach((value, index) => expect(value).toBeCloseTo(wire.dense[index]!, 5));
    }
    expect(skipped.otherLayout).toBe(1);
  });

  it('adds a rated decision once, as the user said: no fallback_llm row next to the correction', async () => {
    const { examples } = await gatherDatabaseExamples(db, { embedderId: embedder.id, layout });
    const forRated = examples.filter((example) => example.id === 'llm-rated');
    expect(forRated.map((example) => [example.source, example.label, example.weight])).toEqual([['user_correction', 'chat', 1]]);
    const ids = examples.map((example) => example.id);
    for (const excluded of ['llm-thumbs-up', 'classifier-decided', 'llm-other-embedder', 'llm-other-layout', 'llm-without-features', 'llm-unknown-label']) expect(ids).not.toContain(excluded);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('counts a fallback label half by default, and leaves them out when asked', async () => {
    const byDefault = await gatherDatabaseExamples(db, { embedderId: embedder.id, layout });
    expect(byDefault.examples.filter((example) => example.source === 'fallback_llm').map((example) => example.weight)).toEqual(LLM_LABELED.map(() => 0.5));
    const without = await gatherDatabaseExamples(db, { embedderId: embedder.id, layout, includeFallbackDecisions: false });
    expect(without.examples.map((example) => example.source)).toEqual(['user_correction']);
  });

  it('is used by retraining: the candidate is fitted on the fallback labels, at their weight', async () => {
    const trainIds = LLM_LABELED.map(([requestId]) => requestId).filter((requestId) => !isHeldOut(requestId, 0.2));
    // The ids above put labels on both sides of the request split.
    expect(trainIds.length).toBeGreaterThan(0);
    expect(trainIds.length).toBeLessThan(LLM_LABELED.length);
    const report = await retrainClassifier(retrainOptions(db, { fallbackLabelWeight: 0.25 }));
    const counted = report.examples.bySource.fallback_llm;
    expect(counted.train + counted.holdout).toBe(LLM_LABELED.length);
    expect(counted.train).toBe(trainIds.length);
    expect(report.examples.bySource.user_correction.train + report.examples.bySource.user_correction.holdout).toBe(1);
    const stored = await findClassifierVersion(db, report.candidate.version);
    const artifact = parseClassifierArtifact(stored!.artifact);
    expect(artifact.trainingData.perSource['fallback_llm'] ?? 0).toBe(trainIds.length);

    const ignored = await retrainClassifier(retrainOptions(db, { includeFallbackDecisions: false, dryRun: true }));
    expect(ignored.examples.bySource.fallback_llm).toEqual({ train: 0, holdout: 0 });
    expect(ignored.examples.train).toBe(report.examples.train - counted.train);
  }, 300_000);
});
