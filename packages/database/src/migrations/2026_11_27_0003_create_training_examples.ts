import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_examples')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('request_id', 'text', (column) => column.unique())
    .addColumn('source', 'text', (column) =>
      column.notNull().check(sql`source in ('seed', 'fallback_llm', 'user_correction', 'confirmed_prediction')`),
    )
    .addColumn('label', 'text', (column) => column.notNull())
    .addColumn('text', 'text')
    .addColumn('features', sql`real[]`)
    .addColumn('feature_layout', 'jsonb')
    .addColumn('embedder_id', 'text')
    .addColumn('weight', 'double precision', (column) => column.notNull().defaultTo(1))
    .addColumn('split', 'text', (column) => column.notNull().check(sql`split in ('train', 'holdout')`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('training_examples_embedder_split_index')
    .on('training_examples')
    .columns(['embedder_id', 'split'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_examples').execute();
}
