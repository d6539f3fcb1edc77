import { InvalidRequestError, NotFoundError } from '@routewise/errors';
import {
  DATABASE_MIGRATIONS,
  findActiveClassifier,
  findClassifierVersion,
  findDecision,
  findFeedback,
  inTransaction,
  insertClassifierVersion,
  insertDecisions,
  insertTrainingExamples,
  listClassifierVersions,
  listFallbackLabeledDecisions,
  listTrainingExamples,
  listUsageByKey,
  migrateToLatest,
  MigrationError,
  promoteClassifier,
  rejectClassifier,
  statsByDay,
  outcomesByTaskAndModel,
  upsertFeedback,
  type Database,
  type NewDecision,
} from '@routewise/database';
import { sql, type Kysely, type Migration } from 'kysely';
import { exampleClassifierVersion, exampleDecision, exampleTrainingExample, packNgramCounts } from './example-rows';

/** Opens a new, empty (unmigrated) database; the suite destroys it after each test. */
export type OpenEmptyDatabase = () => Promise<Kysely<Database>>;

const TABLES = ['classifier_versions', 'decisions', 'feedback', 'training_examples', 'usage_by_key'];

/**
 * What every driver must do, run by pglite.test.ts and postgres.test.ts alike (one suite, two implementations).
 * Each test gets a fresh database.
 */
export function runDatabaseContract(name: string, openEmptyDatabase: OpenEmptyDatabase): void {
  describe(`database contract: ${name}`, () => {
    let db: Kysely<Database>;

    beforeEach(async () => {
      db = await openEmptyDatabase();
    });

    afterEach(async () => {
      await db.destroy();
    });

    describe('migrations', () => {
      it('applies every migration in name order, and a second run applies nothing', async () => {
        const first = await migrateToLatest(db);
        expect(first.map((result) => [result.migrationName, result.status])).toEqual(
          Object.keys(DATABASE_MIGRATIONS).map((migrationName) => [migrationName, 'Success']),
        );
        expect(await migrateToLatest(db)).toEqual([]);
        expect(await userTables(db)).toEqual(TABLES);
      });

      it('stops at a failing migration, names it, and rolls back the whole run', async () => {
        const createTable = (table: string): Migration => ({
          up: async (migrationDb) => {
            await migrationDb.schema.createTable(table).addColumn('id', 'integer').execute();
          },
        });
        const broken: Record<string, Migration> = {
          '2026_01_01_0001_create_first': createTable('contract_first'),
          '2026_01_01_0002_select_from_nowhere': {
            up: async (migrationDb) => {
              await sql`select * from table_that_does_not_exist`.execute(migrationDb);
            },
          },
          '2026_01_01_0003_create_third': createTable('contract_third'),
        };

        const failure = await migrateToLatest(db, broken).catch((error: unknown) => error);

        expect(failure).toBeInstanceOf(MigrationError);
        const error = failure as MigrationError;
        expect(error.migrationName).toBe('2026_01_01_0002_select_from_nowhere');
        expect(error.message).toMatch(/"2026_01_01_0002_select_from_nowhere" failed: .*table_that_does_not_exist/);
        expect(error.results.map((result) => result.status)).toEqual(['Success', 'Error', 'NotExecuted']);
        // Postgres has transactional DDL: the first migration's table went with the rollback.
        expect(await userTables(db)).toEqual([]);
      });
    });

    describe('with the schema', () => {
      beforeEach(async () => {
        await migrateToLatest(db);
      });

      describe('decisions', () => {
        it('stores a decision and reads back every column with the same types', async () => {
          const decision = exampleDecision({
            request_id: 'request-1',
            created_at: '2026-11-27T10:15:30.250Z',
            rule: 'long-context',
            fallback_model: 'claude-haiku-4-5',
            caller_key_hash: 'abcdef0123456789',
            user_tier: 'pro',
            prompt_text: 'Write a haiku about Postgres',
            error_code: null,
          });

          expect(await insertDecisions(db, [decision])).toBe(1);

          const stored = await findDecision(db, 'request-1');
          expect(stored).toEqual({
            ...decision,
            cascade: null,
            created_at: new Date('2026-11-27T10:15:30.250Z'),
            received_at: expect.any(Date),
          });
          expect(await findDecision(db, 'request-unknown')).toBeUndefined();
        });

        it('keeps a cascade’s attempts as JSON', async () => {
          const attempts = [
            { model: 'gpt-4o-mini', passed: false, failed: 'json_schema', reason: '/age must be integer', costUsd: 0.000027 },
            { model: 'gpt-4o', passed: true, failed: null, reason: 'json_schema: valid', costUsd: 0.00045 },
          ];
          await insertDecisions(db, [exampleDecision({ request_id: 'cascaded', cascade: { attempts } })]);
          expect((await findDecision(db, 'cascaded'))?.cascade).toEqual({ attempts });
        });

        it('is idempotent by request id and reports how many decisions were new', async () => {
          const batch = ['a', 'b', 'c'].map((id) => exampleDecision({ request_id: id }));
          expect(await insertDecisions(db, batch)).toBe(3);
          expect(await insertDecisions(db, batch)).toBe(0);
          expect(await insertDecisions(db, [...batch, exampleDecision({ request_id: 'd' })])).toBe(1);
          expect(await insertDecisions(db, [])).toBe(0);
          expect(await countRows(db, 'decisions')).toBe(4);
        });

        it('keeps the first version of a decision that is sent again with other values', async () => {
          await insertDecisions(db, [exampleDecision({ request_id: 'a', model: 'first-model' })]);
          await insertDecisions(db, [exampleDecision({ request_id: 'a', model: 'second-model' })]);
          expect((await findDecision(db, 'a'))?.model).toBe('first-model');
        });

        it('adds only new decisions to usage_by_key, per caller key and UTC day', async () => {
          const batch = [
            exampleDecision({ request_id: 'k1-a', caller_key_hash: 'key-one', cost_usd: 0.25, created_at: '2026-11-26T23:59:59Z' }),
            // 00:30 in UTC+01:00 is still the 26th in UTC.
            exampleDecision({ request_id: 'k1-b', caller_key_hash: 'key-one', cost_usd: 0.5, created_at: '2026-11-27T00:30:00+01:00' }),
            exampleDecision({ request_id: 'k1-c', caller_key_hash: 'key-one', cost_usd: 1, created_at: '2026-11-27T00:00:00Z' }),
            exampleDecision({ request_id: 'k2-a', caller_key_hash: 'key-two', cost_usd: 2, created_at: '2026-11-27T12:00:00Z' }),
            exampleDecision({ request_id: 'no-key', caller_key_hash: null, cost_usd: 4 }),
          ];

          expect(await insertDecisions(db, batch)).toBe(5);
          expect(await insertDecisions(db, batch.slice(0, 2))).toBe(0);
          expect(
            await insertDecisions(db, [
              batch[0]!,
              exampleDecision({ request_id: 'k1-d', caller_key_hash: 'key-one', cost_usd: 0.125, created_at: '2026-11-27T08:00:00Z' }),
            ]),
          ).toBe(1);

          expect(await listUsageByKey(db, 'key-one')).toEqual([
            { caller_key_hash: 'key-one', day: '2026-11-26', requests: 2, cost_usd: 0.75 },
            { caller_key_hash: 'key-one', day: '2026-11-27', requests: 2, cost_usd: 1.125 },
          ]);
          expect(await listUsageByKey(db, 'key-two')).toEqual([{ caller_key_hash: 'key-two', day: '2026-11-27', requests: 1, cost_usd: 2 }]);
          expect(await countRows(db, 'usage_by_key')).toBe(3);
        });

        it('counts every decision exactly once when overlapping batches arrive concurrently', async () => {
          const decision = (index: number) =>
            exampleDecision({ request_id: `request-${String(index).padStart(3, '0')}`, caller_key_hash: 'key-one', cost_usd: 1 });
          // Five overlapping batches of 40 covering 120 distinct ids, each in a different order.
          const batches = [0, 20, 40, 60, 80].map((start, batch) =>
            rotate(
              Array.from({ length: 40 }, (_, offset) => decision(start + offset)),
              batch * 7,
            ),
          );

          const inserted = await Promise.all(batches.map((rows) => insertDecisions(db, rows)));

          expect(inserted.reduce((sum, count) => sum + count, 0)).toBe(120);
          expect(await countRows(db, 'decisions')).toBe(120);
          expect(await listUsageByKey(db, 'key-one')).toEqual([{ caller_key_hash: 'key-one', day: '2026-11-27', requests: 120, cost_usd: 120 }]);
        });

        it('lists fallback-labeled decisions with their feature row, leaving out rated or already-labeled ones', async () => {
          const fromLlm = (requestId: string, overrides: Partial<NewDecision> = {}) =>
            exampleDecision({ request_id: requestId, source: 'llm', task: 'math', created_at: '2026-11-27T10:00:00Z', ...overrides });
          await insertDecisions(db, [
            fromLlm('llm-1'),
            fromLlm('llm-2', { created_at: '2026-11-27T11:00:00Z', ngram_counts: packNgramCounts([]) }),
            fromLlm('llm-rated'),
            fromLlm('llm-labeled'),
            fromLlm('llm-no-features', { features: null, ngram_counts: null, feature_layout: null }),
            fromLlm('llm-other-embedder', { embedder_id: 'another-embedder' }),
            exampleDecision({ request_id: 'classifier-1' }),
          ]);
          await upsertFeedback(db, { request_id: 'llm-rated', rating: 'up' });
          await insertTrainingExamples(db, [exampleTrainingExample({ request_id: 'llm-labeled', source: 'user_correction' })]);

          const listed = await listFallbackLabeledDecisions(db, 'routewise-static-en-64');

          const { features, ngram_counts, feature_layout, embedder_id } = exampleDecision({ request_id: 'any' });
          expect(listed).toEqual([
            { request_id: 'llm-1', task: 'math', features, ngram_counts, feature_layout, embedder_id },
            { request_id: 'llm-2', task: 'math', features, ngram_counts: '', feature_layout, embedder_id },
          ]);
        });

        it('stores batches larger than one statement can carry', async () => {
          const rows = Array.from({ length: 1234 }, (_, index) => exampleDecision({ request_id: `bulk-${index}` }));
          expect(await insertDecisions(db, rows)).toBe(1234);
          expect(await countRows(db, 'decisions')).toBe(1234);
        });
      });

      describe('feedback', () => {
        it('creates feedback once, then replaces it in place (also before its decision exists)', async () => {
          const first = await upsertFeedback(db, { request_id: 'request-1', rating: 'down', corrected_task: 'math', comment: 'wrong task' });
          expect(first.created).toBe(true);
          expect(first.feedback).toEqual({
            request_id: 'request-1',
            rating: 'down',
            corrected_task: 'math',
            preferred_model: null,
            comment: 'wrong task',
            created_at: expect.any(Date),
            updated_at: expect.any(Date),
          });

          const second = await upsertFeedback(db, { request_id: 'request-1', rating: 'up', preferred_model: 'gpt-4o' });
          expect(second.created).toBe(false);
          expect(second.feedback).toMatchObject({ rating: 'up', corrected_task: null, preferred_model: 'gpt-4o', comment: null });
          expect(second.feedback.created_at).toEqual(first.feedback.created_at);
          expect(second.feedback.updated_at.getTime()).toBeGreaterThanOrEqual(first.feedback.updated_at.getTime());

          expect(await findFeedback(db, 'request-1')).toEqual(second.feedback);
          expect(await findFeedback(db, 'request-unknown')).toBeUndefined();
          expect(await countRows(db, 'feedback')).toBe(1);
        });

        it('never duplicates under 50 concurrent upserts of the same request id', async () => {
          const results = await Promise.all(
            Array.from({ length: 50 }, (_, index) => upsertFeedback(db, { request_id: 'contested', rating: index % 2 === 0 ? 'up' : 'down' })),
          );

          expect(results.filter((result) => result.created)).toHaveLength(1);
          expect(await countRows(db, 'feedback')).toBe(1);
          const stored = await findFeedback(db, 'contested');
          expect(results.map((result) => result.feedback.rating)).toContain(stored?.rating);
        });
      });

      describe('training examples', () => {
        it('adds examples without a request id every time and upserts those with one, keeping id and split', async () => {
          const layout = { embeddingDimension: 1, ngramDimension: 8, ngramScheme: 'ngram-counts/v1', shapeFeatureCount: 1 };
          const seeds = await insertTrainingExamples(db, [exampleTrainingExample(), exampleTrainingExample()]);
          expect(seeds).toHaveLength(2);

          const [correction] = await insertTrainingExamples(db, [
            exampleTrainingExample({
              request_id: 'request-1',
              source: 'confirmed_prediction',
              label: 'chat',
              text: null,
              features: [0.5, 0.25],
              ngram_counts: packNgramCounts([(3 << 14) | 1]),
              feature_layout: layout,
              embedder_id: 'embedder-a',
              split: 'holdout',
            }),
          ]);
          const [replaced] = await insertTrainingExamples(db, [
            exampleTrainingExample({
              request_id: 'request-1',
              source: 'user_correction',
              label: 'math',
              text: null,
              features: [0.75, -2],
              ngram_counts: packNgramCounts([(2 << 14) | 1, (6 << 14) | 4]),
              feature_layout: layout,
              embedder_id: 'embedder-a',
              weight: 3,
              split: 'train',
            }),
          ]);

          expect(replaced).toEqual({
            ...correction,
            source: 'user_correction',
            label: 'math',
            features: [0.75, -2],
            ngram_counts: packNgramCounts([(2 << 14) | 1, (6 << 14) | 4]),
            weight: 3,
            split: 'holdout',
          });
          expect(typeof replaced?.id).toBe('number');
          expect(await countRows(db, 'training_examples')).toBe(3);
        });

        it('lets the last example for a request id in one call win', async () => {
          const stored = await insertTrainingExamples(db, [
            exampleTrainingExample({ request_id: 'request-1', label: 'chat' }),
            exampleTrainingExample({ request_id: 'request-1', label: 'math' }),
          ]);
          expect(stored.map((row) => row.label)).toEqual(['math']);
          expect(await countRows(db, 'training_examples')).toBe(1);
        });

        it('lists examples oldest first, filtered by embedder and split', async () => {
          await insertTrainingExamples(db, [
            exampleTrainingExample({ text: 'one', embedder_id: 'embedder-a', split: 'train' }),
            exampleTrainingExample({ text: 'two', embedder_id: 'embedder-b', split: 'train' }),
            exampleTrainingExample({ text: 'three', embedder_id: 'embedder-a', split: 'holdout' }),
            exampleTrainingExample({ text: 'four', embedder_id: null, split: 'train' }),
          ]);
          const texts = async (filter: Parameters<typeof listTrainingExamples>[1]) =>
            (await listTrainingExamples(db, filter)).map((row) => row.text);

          expect(await texts({})).toEqual(['one', 'two', 'three', 'four']);
          expect(await texts({ embedderId: 'embedder-a' })).toEqual(['one', 'three']);
          expect(await texts({ split: 'train' })).toEqual(['one', 'two', 'four']);
          expect(await texts({ embedderId: 'embedder-a', split: 'holdout' })).toEqual(['three']);
        });
      });

      describe('classifier versions', () => {
        beforeEach(async () => {
          for (const [index, version] of ['v1', 'v2', 'v3'].entries()) {
            await insertClassifierVersion(db, exampleClassifierVersion(version, { created_at: new Date(Date.UTC(2026, 10, 20 + index)) }));
          }
        });

        it('stores the artifact and metrics documents as given', async () => {
          const stored = await findClassifierVersion(db, 'v1');
          expect(stored).toMatchObject({
            artifact: exampleClassifierVersion('v1').artifact,
            metrics: { accuracy: 0.9, macroF1: 0.88 },
            status: 'candidate',
            reason: null,
            promoted_at: null,
          });
        });

        it('promotes one version at a time: the previous one becomes a candidate, superseded', async () => {
          expect(await findActiveClassifier(db)).toBeUndefined();

          const first = await promoteClassifier(db, 'v1');
          expect(first).toMatchObject({ version: 'v1', status: 'active', promoted_at: expect.any(Date) });
          expect(await promoteClassifier(db, 'v1')).toEqual(first);

          await promoteClassifier(db, 'v2');
          expect((await findActiveClassifier(db))?.version).toBe('v2');
          expect(await findClassifierVersion(db, 'v1')).toMatchObject({ status: 'candidate', reason: 'superseded by v2' });
          expect(await countActive(db)).toBe(1);
        });

        it('leaves exactly one active version when promotions race', async () => {
          await Promise.all(['v1', 'v2', 'v3', 'v1', 'v2', 'v3'].map((version) => promoteClassifier(db, version)));
          expect(await countActive(db)).toBe(1);
        });

        it('rejects a candidate with a reason and keeps the active version', async () => {
          await promoteClassifier(db, 'v1');

          expect(await rejectClassifier(db, 'v3', 'macro F1 0.71 < 0.88')).toMatchObject({ status: 'rejected', reason: 'macro F1 0.71 < 0.88' });
          expect((await findActiveClassifier(db))?.version).toBe('v1');
          await expect(rejectClassifier(db, 'v1', 'no')).rejects.toBeInstanceOf(InvalidRequestError);
          expect((await findActiveClassifier(db))?.version).toBe('v1');
        });

        it('refuses unknown versions and a second active row', async () => {
          await expect(promoteClassifier(db, 'v9')).rejects.toBeInstanceOf(NotFoundError);
          await expect(rejectClassifier(db, 'v9', 'no')).rejects.toBeInstanceOf(NotFoundError);
          await promoteClassifier(db, 'v1');
          await expect(insertClassifierVersion(db, exampleClassifierVersion('v4', { status: 'active' }))).rejects.toThrow(
            /classifier_versions_one_active_index/,
          );
        });

        it('lists versions newest first, without their artifacts', async () => {
          const versions = await listClassifierVersions(db);
          expect(versions.map((row) => row.version)).toEqual(['v3', 'v2', 'v1']);
          expect(versions[0]).not.toHaveProperty('artifact');
          expect(versions[0]).toMatchObject({ embedder_id: 'routewise-static-en-64', metrics: { accuracy: 0.9, macroF1: 0.88 } });
        });
      });

      describe('statsByDay', () => {
        it('groups decisions in [from, to) by UTC day, task, model and source with their feedback', async () => {
          await insertDecisions(db, [
            exampleDecision({ request_id: 'd1-a', created_at: '2026-11-25T08:00:00Z', cost_usd: 0.01 }),
            exampleDecision({ request_id: 'd1-b', created_at: '2026-11-25T09:00:00Z', cost_usd: 0.02, fallback_model: 'claude-haiku-4-5' }),
            exampleDecision({ request_id: 'd1-c', created_at: '2026-11-25T23:59:59Z', cost_usd: 0.03 }),
            exampleDecision({ request_id: 'd1-rule', created_at: '2026-11-25T10:00:00Z', cost_usd: 0.5, source: 'rule' }),
            exampleDecision({ request_id: 'd2-a', created_at: '2026-11-26T00:00:00Z', task: 'chat', model: 'gpt-4.1-nano', cost_usd: 0.001 }),
            exampleDecision({ request_id: 'd2-b', created_at: '2026-11-26T12:00:00Z', task: 'chat', model: 'gpt-4.1-nano', cost_usd: 0.002 }),
            exampleDecision({ request_id: 'before', created_at: '2026-11-24T23:59:59Z', cost_usd: 9 }),
            exampleDecision({ request_id: 'at-end', created_at: '2026-11-27T00:00:00Z', cost_usd: 9 }),
          ]);
          await upsertFeedback(db, { request_id: 'd1-a', rating: 'up' });
          await upsertFeedback(db, { request_id: 'd1-b', rating: 'down' });
          await upsertFeedback(db, { request_id: 'd1-c', rating: 'down' });
          await upsertFeedback(db, { request_id: 'd2-b', rating: 'up' });
          await upsertFeedback(db, { request_id: 'no-such-decision', rating: 'down' });

          const rows = await statsByDay(db, { from: new Date('2026-11-25T00:00:00Z'), to: new Date('2026-11-27T00:00:00Z') });

          expect(rows.map(({ cost_usd, ...counts }) => counts)).toEqual([
            // every example decision has 120 prompt and 300 completion tokens, none cached
            { day: '2026-11-25', task: 'code_generation', model: 'gpt-4o-mini', source: 'classifier', requests: 3, thumbs_up: 1, thumbs_down: 2, fallback_count: 1, prompt_tokens: 360, completion_tokens: 900, cached_input_tokens: 0 },
            { day: '2026-11-25', task: 'code_generation', model: 'gpt-4o-mini', source: 'rule', requests: 1, thumbs_up: 0, thumbs_down: 0, fallback_count: 0, prompt_tokens: 120, completion_tokens: 300, cached_input_tokens: 0 },
            { day: '2026-11-26', task: 'chat', model: 'gpt-4.1-nano', source: 'classifier', requests: 2, thumbs_up: 1, thumbs_down: 0, fallback_count: 0, prompt_tokens: 240, completion_tokens: 600, cached_input_tokens: 0 },
          ]);
          expect(rows.map((row) => row.cost_usd)).toEqual([expect.closeTo(0.06, 12), expect.closeTo(0.5, 12), expect.closeTo(0.003, 12)]);
        });

        it('counts thumbs per task and model for learned routing, over rated decisions only', async () => {
          await insertDecisions(db, [
            exampleDecision({ request_id: 'o-1', task: 'chat', model: 'a' }),
            exampleDecision({ request_id: 'o-2', task: 'chat', model: 'a' }),
            exampleDecision({ request_id: 'o-3', task: 'chat', model: 'b' }),
            exampleDecision({ request_id: 'o-unrated', task: 'chat', model: 'b' }),
          ]);
          await upsertFeedback(db, { request_id: 'o-1', rating: 'up' });
          await upsertFeedback(db, { request_id: 'o-2', rating: 'down' });
          await upsertFeedback(db, { request_id: 'o-3', rating: 'down' });
          expect(await outcomesByTaskAndModel(db)).toEqual([
            { task: 'chat', model: 'a', ups: 1, downs: 1 },
            { task: 'chat', model: 'b', ups: 0, downs: 1 },
          ]);
        });

        it('returns no rows for a range without decisions', async () => {
          expect(await statsByDay(db, { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-01-02T00:00:00Z') })).toEqual([]);
        });
      });

      describe('transactions', () => {
        it('hides uncommitted rows from queries outside the transaction, and a rollback leaves nothing', async () => {
          let seenOutside: Promise<unknown> | undefined;
          const failure = await inTransaction(db, async (transaction) => {
            await upsertFeedback(transaction, { request_id: 'in-transaction', rating: 'up' });
            expect(await findFeedback(transaction, 'in-transaction')).toBeDefined();
            // Not awaited here: on PGlite it waits for the connection this transaction holds.
            seenOutside = findFeedback(db, 'in-transaction');
            await new Promise((resolve) => setTimeout(resolve, 50));
            throw new Error('roll back');
          }).catch((error: unknown) => error);

          expect(failure).toEqual(new Error('roll back'));
          expect(await seenOutside).toBeUndefined();
          expect(await findFeedback(db, 'in-transaction')).toBeUndefined();
        });

        it('lets repository calls join a transaction they are given', async () => {
          await inTransaction(db, async (transaction) => {
            expect(await insertDecisions(transaction, [exampleDecision({ request_id: 'joined', caller_key_hash: 'key-one' })])).toBe(1);
            await insertClassifierVersion(transaction, exampleClassifierVersion('v1'));
            await promoteClassifier(transaction, 'v1');
          });
          expect(await findDecision(db, 'joined')).toBeDefined();
          expect((await findActiveClassifier(db))?.version).toBe('v1');
        });
      });
    });
  });
}

async function userTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((table) => table.name).filter((table) => !table.startsWith('kysely_')).sort();
}

async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return row.count;
}

async function countActive(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('classifier_versions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.count;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
