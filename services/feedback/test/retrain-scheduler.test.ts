import path from 'node:path';
import { createDatabase, insertTrainingExamples, listClassifierVersions, migrateToLatest, type Database, type Kysely } from '@routewise/database';
import { loadEmbedder, type Embedder } from '@routewise/embedder';
import { RetrainCoordinator, RetrainScheduler } from '@routewise/feedback';
import { createLogger } from '@routewise/telemetry';
import { REPO_ROOT, SHARED_STATIC_MODEL } from '@routewise/test-support';

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
    const coordinator = new RetrainCoordinator({ db, embedder, trainingDirectory: path.join(REPO_ROOT, 'data/prompts'), marginMacroF1: 0.05, logger });
    const scheduler = new RetrainScheduler({ db, coordinator, everyMinutes: 0, afterExamples: 3, checkIntervalMs: 3_600_000, logger });
    await scheduler.start();
    try {
      const [probe] = await embedder.embed(['probe']);
      const example = (index: number) => ({
        request_id: `sched_${index}`,
        source: 'user_correction' as const,
        label: 'code',
        text: null,
        features: Array.from({ length: embedder.dimension + 1024 + 7 }, (_, column) => (column < embedder.dimension ? probe![column]! : 0)),
        feature_layout: { embeddingDimension: embedder.dimension, wordDimension: 1024, shapeFeatureCount: 7 },
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
  }, 120_000);
});
