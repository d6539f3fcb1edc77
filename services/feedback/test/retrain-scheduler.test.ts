import path from 'node:path';
import { DEFAULT_HYPERPARAMETERS, describeTask, featureLayoutFor, featureRowOf, toWireFeatureRow } from '@routewise/classifier';
import { createDatabase, insertTrainingExamples, listClassifierVersions, migrateToLatest, type Database, type Kysely } from '@routewise/database';
import { loadEmbedder, type Embedder } from '@routewise/embedder';
import { RetrainCoordinator, RetrainScheduler } from '@routewise/feedback';
import { createLogger } from '@routewise/telemetry';
import { REPO_ROOT, SHARED_PUBLIC_DATA, SHARED_STATIC_MODEL, TEST_CLASSIFIER_DIRECTORY } from '@routewise/test-support';

/** RETRAIN_AFTER_EXAMPLES: the feedback service retrains by itself once enough new labeled examples arrived. */
describe('RetrainScheduler', () => {
  let db: Kysely<Database>;
  let embedder: Embedder;

  beforeAll(async () => {
    db = await createDatabase();
    await migrateToLatest(db);
    embedder = (await loadEmbedder({ modelDirectory: SHARED_STATIC_MODEL, allowRemoteModels: false })).embedder;
  });
  afterAll(async () => {
    await embedder.close();
    await db.destroy();
  });

  it('retrains after the configured number of new examples, and not before', async () => {
    const logger = createLogger({ name: 'scheduler-test', level: 'silent' });
    const coordinator = new RetrainCoordinator({
      db,
      embedder,
      trainingDirectory: path.join(REPO_ROOT, 'data/prompts'),
      publicDataDirectory: SHARED_PUBLIC_DATA,
      artifactDirectory: TEST_CLASSIFIER_DIRECTORY,
      marginMacroF1: 0.05,
      fallbackLabelWeight: 0.5,
      targetPrecision: 0.9,
      logger,
    });
    const scheduler = new RetrainScheduler({ db, coordinator, everyMinutes: 0, afterExamples: 3, checkIntervalMs: 3_600_000, logger });
    await scheduler.start();
    try {
      // Rows in the layout retraining uses (the default n-gram dimension), or it would skip them as another layout's.
      const layout = featureLayoutFor(embedder.dimension, DEFAULT_HYPERPARAMETERS.ngramDimension);
      const description = describeTask([{ role: 'user', content: 'Write a Python function that parses a CSV file' }]);
      const [embedding] = await embedder.embed([description.text]);
      const row = toWireFeatureRow(featureRowOf(embedding!, description, layout));
      const example = (index: number) => ({
        request_id: `sched_${index}`,
        source: 'user_correction' as const,
        label: 'code',
        text: null,
        features: row.dense,
        ngram_counts: row.ngrams,
        feature_layout: layout,
        embedder_id: embedder.id,
        weight: 1,
        split: 'train' as const,
      });
      await insertTrainingExamples(db, [example(1), example(2)]);
      await scheduler.checkNewExamples();
      expect(await listClassifierVersions(db)).toHaveLength(0);
      await insertTrainingExamples(db, [example(3)]);
      await scheduler.checkNewExamples();
      const versions = await listClassifierVersions(db);
      expect(versions).toHaveLength(1);
      expect(['active', 'rejected']).toContain(versions[0]!.status);
      await scheduler.checkNewExamples();
      expect(await listClassifierVersions(db)).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  }, 600_000);
});
