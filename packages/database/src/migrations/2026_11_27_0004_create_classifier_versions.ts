import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('classifier_versions')
    .addColumn('version', 'text', (column) => column.primaryKey())
    .addColumn('embedder_id', 'text', (column) => column.notNull())
    .addColumn('artifact', 'jsonb', (column) => column.notNull())
    .addColumn('metrics', 'jsonb', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('candidate', 'active', 'rejected')`))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('promoted_at', 'timestamptz')
    .execute();
  // At most one active classifier: every router replica must agree on which one to load.
  await db.schema
    .createIndex('classifier_versions_one_active_index')
    .on('classifier_versions')
    .column('status')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('classifier_versions').execute();
}
