import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_by_key')
    .addColumn('caller_key_hash', 'text', (column) => column.notNull())
    .addColumn('day', 'date', (column) => column.notNull())
    .addColumn('requests', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('cost_usd', 'double precision', (column) => column.notNull().defaultTo(sql`0`))
    .addPrimaryKeyConstraint('usage_by_key_primary_key', ['caller_key_hash', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_by_key').execute();
}
