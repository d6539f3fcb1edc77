import { z } from 'zod';
import { booleanFlag, logLevel, parseEnvironment } from './environment-values';
import { DEFAULT_CONFIG_PATH } from './load-routewise-config';

const feedbackEnvironmentSchema = z.object({
  FEEDBACK_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  FEEDBACK_HOST: z.string().min(1).default('127.0.0.1'),
  /** Postgres through `pg`; unset: PGlite under ROUTEWISE_DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  ROUTEWISE_DATA_DIR: z.string().min(1).default('.data'),
  ROUTEWISE_CONFIG: z.string().min(1).default(DEFAULT_CONFIG_PATH),
  /** Keep prompt text sent by routers; otherwise it is dropped and only the hash is stored. */
  STORE_PROMPTS: booleanFlag.default(false),
  /** The single model "the same traffic" is priced on in /v1/stats (the seed's Scenario A). */
  STATS_BASELINE_MODEL: z.string().min(1).default('claude-opus-4'),
  /** Bearer token POST /v1/retrain requires when set. */
  ADMIN_TOKEN: z.string().min(1).optional(),
  /** How long feedback for a not-yet-received decision waits for it before a 404. */
  FEEDBACK_DECISION_WAIT_MS: z.coerce.number().int().min(0).default(3_000),
  LOG_LEVEL: logLevel,
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type FeedbackEnvironment = z.infer<typeof feedbackEnvironmentSchema>;

/** Parses the feedback service's environment once at start; errors name the variable. */
export function readFeedbackEnvironment(environment: NodeJS.ProcessEnv = process.env): FeedbackEnvironment {
  return Object.freeze(parseEnvironment(feedbackEnvironmentSchema, environment));
}
