import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key to decisions: a router ships its decisions in batches, so feedback can arrive first.
  await db.schema
    .createTable('feedback')
    .addColumn('request_id', 'text', (column) => column.primaryKey())
    .addColumn('rating', 'text', (column) => column.notNull().check(sql`rating in ('up', 'down')`))
    .addColumn('corrected_task', 'text')
    .addColumn('preferred_model', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback').execute();
}
