import type { ColumnType, Insertable, Selectable } from 'kysely';

export type FeedbackRating = 'up' | 'down';

/** A user's verdict on one request. No foreign key: feedback may arrive before its decision. */
export interface FeedbackTable {
  request_id: string;
  rating: FeedbackRating;
  /** The task label the user says was right. */
  corrected_task: string | null;
  /** The model the user would have preferred. */
  preferred_model: string | null;
  comment: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date | string>;
}

export type Feedback = Selectable<FeedbackTable>;
/** What a client sends; timestamps are the database's. */
export type NewFeedback = Insertable<FeedbackTable>;
