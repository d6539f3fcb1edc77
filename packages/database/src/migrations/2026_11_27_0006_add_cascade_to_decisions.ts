import type { Kysely } from 'kysely';

/** Each model a cascade tried, with the check that failed (issue 4); null for requests without a cascade. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('cascade', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('cascade').execute();
}
