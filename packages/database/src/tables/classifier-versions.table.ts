import type { ColumnType, Insertable, Selectable } from 'kysely';

export type ClassifierStatus = 'candidate' | 'active' | 'rejected';

/** A jsonb document written as a plain object (not a top-level array) and validated by whoever reads it. */
export type JsonDocumentColumn = ColumnType<unknown, object, object>;

/** Every trained classifier. A partial unique index allows at most one `active` row. */
export interface ClassifierVersionsTable {
  version: string;
  embedder_id: string;
  /** The trained model (the classifier package's artifact). */
  artifact: JsonDocumentColumn;
  /** Evaluation on the fixed holdout split. */
  metrics: JsonDocumentColumn;
  status: ClassifierStatus;
  /** Why it was rejected or superseded. */
  reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  promoted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ClassifierVersion = Selectable<ClassifierVersionsTable>;
export type NewClassifierVersion = Insertable<ClassifierVersionsTable>;
