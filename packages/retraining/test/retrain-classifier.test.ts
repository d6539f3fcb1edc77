import path from 'node:path';
import { featurizeSeedExamples, parseClassifierArtifact, readLabeledExamples, SHAPE_FEATURE_NAMES, type FeatureLayout } from '@routewise/classifier';
import {
  createDatabase,
  findActiveClassifier,
  insertTrainingExamples,
  listClassifierVersions,
  migrateToLatest,
  type Database,
  type Kysely,
  type NewTrainingExample,
} from '@routewise/database';
import { loadEmbedder, type Embedder } from '@routewise/embedder';
import { retrainClassifier } from '@routewise/retraining';
import type { TaskLabel } from '@routewise/taxonomy';
import { REPO_ROOT, SHARED_STATIC_MODEL } from '@routewise/test-support';

const TRAINING_DIRECTORY = path.join(REPO_ROOT, 'data/prompts');

/** Retraining against a real (in-memory PGlite) database, the real seed prompts and the shared static embedder. */
describe('retrainClassifier', () => {
  let db: Kysely<Database>;
  let embedder: Embedder;
  let layout: FeatureLayout;

  beforeAll(async () => {
    db = await createDatabase();
    await migrateToLatest(db);
    const loaded = await loadEmbedder({ modelDirectory: SHARED_STATIC_MODEL, allowRemoteModels: false });
    expect(loaded.fallback).toBe(false);
    embedder = loaded.embedder;
    layout = { embeddingDimension: embedder.dimension, wordDimension: 1024, shapeFeatureCount: SHAPE_FEATURE_NAMES.length };
  });
  afterAll(async () => {
    await embedder.close();
    await db.destroy();
  });

  it('writes nothing on a dry run', async () => {
    const report = await retrainClassifier({ db, embedder, trainingDirectory: TRAINING_DIRECTORY, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, storedStatus: null, baseline: { kind: 'seed', version: null } });
    expect(report.examples.bySource.seed.train + report.examples.bySource.seed.holdout).toBe(readLabeledExamples(TRAINING_DIRECTORY).length);
    expect(await listClassifierVersions(db)).toEqual([]);
  });

  it('promotes a first candidate that is no worse than the seed classifier, as an artifact routers can load', async () => {
    const report = await retrainClassifier({ db, embedder, trainingDirectory: TRAINING_DIRECTORY });
    expect(report.decision).toBe('promote');
    expect(report.storedStatus).toBe('active');
    const active = await findActiveClassifier(db);
    expect(active?.version).toBe(report.candidate.version);
    expect(parseClassifierArtifact(active!.artifact).embedder.id).toBe(embedder.id);
  });

  it('rejects a candidate trained on corrections that contradict the holdout, and keeps the active version', async () => {
    const activeBefore = (await findActiveClassifier(db))!.version;
    // Users "correct" every training prompt about code to chat and every reasoning prompt to creative: the
    // candidate learns it, the fixed holdout (labeled as the data says) shows it.
    const swaps: Partial<Record<TaskLabel, TaskLabel>> = { code: 'chat', reasoning: 'creative' };
    const seedRows = await featurizeSeedExamples(readLabeledExamples(TRAINING_DIRECTORY), embedder, layout);
    const corrections: NewTrainingExample[] = seedRows
      .filter((row) => row.split === 'train' && swaps[row.label] !== undefined)
      .flatMap((row, index) =>
        [0, 1].map((copy) => ({
          request_id: `contradiction-${index}-${copy}`,
          source: 'user_correction' as const,
          label: swaps[row.label]!,
          text: null,
          features: Array.from(row.features),
          feature_layout: layout,
          embedder_id: embedder.id,
          weight: 1,
          split: 'train' as const,
        })),
      );
    const otherEmbedder = { ...corrections[0]!, request_id: 'other-embedder', embedder_id: 'local:another-model@000000000000' };
    await insertTrainingExamples(db, [...corrections, otherEmbedder]);

    const report = await retrainClassifier({ db, embedder, trainingDirectory: TRAINING_DIRECTORY, marginMacroF1: 0.01 });
    expect(report.examples.bySource.user_correction.train).toBe(corrections.length);
    expect(report.examples.skipped.otherEmbedder).toBe(1);
    expect(report.baseline).toMatchObject({ kind: 'active', version: activeBefore });
    expect(report.candidate.metrics.macroF1).toBeLessThan(report.baseline.metrics.macroF1 - 0.01);
    expect(report.candidate.metrics.perLabel.code.f1).toBeLessThan(report.baseline.metrics.perLabel.code.f1);
    expect(report).toMatchObject({ decision: 'reject', storedStatus: 'rejected' });

    expect((await findActiveClassifier(db))!.version).toBe(activeBefore);
    const rejected = (await listClassifierVersions(db)).find((version) => version.version === report.candidate.version)!;
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toContain(report.candidate.metrics.macroF1.toFixed(4));
    expect(rejected.reason).toContain(report.baseline.metrics.macroF1.toFixed(4));
  });
});
