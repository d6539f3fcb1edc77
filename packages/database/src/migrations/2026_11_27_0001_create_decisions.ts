import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decisions')
    .addColumn('request_id', 'text', (column) => column.primaryKey())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('task', 'text', (column) => column.notNull())
    .addColumn('confidence', 'double precision', (column) => column.notNull())
    .addColumn('probabilities', 'jsonb', (column) => column.notNull())
    .addColumn('classifier_task', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('rule', 'text')
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('fallback_model', 'text')
    .addColumn('fallback_cost_usd', 'double precision', (column) => column.notNull())
    .addColumn('stream', 'boolean', (column) => column.notNull())
    .addColumn('simulated', 'boolean', (column) => column.notNull())
    .addColumn('user_tier', 'text')
    .addColumn('caller_key_hash', 'text')
    .addColumn('prompt_tokens', 'integer', (column) => column.notNull())
    .addColumn('completion_tokens', 'integer', (column) => column.notNull())
    .addColumn('cached_input_tokens', 'integer', (column) => column.notNull())
    .addColumn('reasoning_tokens', 'integer', (column) => column.notNull())
    .addColumn('cost_usd', 'double precision', (column) => column.notNull())
    .addColumn('cost_estimated', 'boolean', (column) => column.notNull())
    .addColumn('routing_ms', 'double precision', (column) => column.notNull())
    .addColumn('upstream_ms', 'double precision', (column) => column.notNull())
    .addColumn('total_ms', 'double precision', (column) => column.notNull())
    .addColumn('embedder_id', 'text', (column) => column.notNull())
    .addColumn('classifier_version', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('error_code', 'text')
    .addColumn('prompt_hash', 'text', (column) => column.notNull())
    .addColumn('prompt_text', 'text')
    .addColumn('features', sql`real[]`)
    .addColumn('feature_layout', 'jsonb')
    .addColumn('received_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('decisions_kind_check', sql`kind in ('route', 'completion')`)
    .addCheckConstraint('decisions_source_check', sql`source in ('pinned', 'rule', 'classifier', 'llm', 'learned')`)
    .execute();
  await db.schema.createIndex('decisions_created_at_index').on('decisions').column('created_at').execute();
  await db.schema.createIndex('decisions_task_model_index').on('decisions').columns(['task', 'model']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('decisions').execute();
}
