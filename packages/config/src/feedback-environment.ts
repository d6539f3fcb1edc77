import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { booleanFlag, logLevel, parseEnvironment, serviceToken } from './environment-values';
import { DEFAULT_CONFIG_PATH } from './load-routewise-config';
import { LOCAL_EMBEDDING_MODEL_CANDIDATES } from './router-environment';

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
  /** Bearer token for POST /v1/retrain and GET /v1/stats; unset: read from (or generated into) the data folder. */
  ADMIN_TOKEN: serviceToken.optional(),
  /** Bearer token routers send with decisions, feedback and polls; unset: read from (or generated into) the data folder. */
  ROUTEWISE_INTERNAL_TOKEN: serviceToken.optional(),
  /** How long feedback for a not-yet-received decision waits for it before a 404. */
  FEEDBACK_DECISION_WAIT_MS: z.coerce.number().int().min(0).default(3_000),
  LOG_LEVEL: logLevel,
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  // Retraining embeds the seed prompts with the routers' embedder: the same variables and defaults as the router's.
  ROUTEWISE_TRAINING_DATA: z.string().min(1).default(path.resolve(__dirname, '../../../data/prompts')),
  /** The public labeled sets the seed classifier also trains on (read in place); empty: the project's prompts only. */
  ROUTEWISE_SHARED_DATA: z.string().default(path.resolve(__dirname, '../../../../shared/data')),
  /** Seed sources to leave out of training, comma-separated (public set names, or `routewise_prompts`). */
  ROUTEWISE_EXCLUDE_SOURCES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((name) => name.trim()).filter((name) => name !== '')),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'),
  EMBEDDING_MODEL_DIR: z.string().min(1).optional(),
  EMBEDDING_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).optional(),
  ROUTEWISE_ALLOW_REMOTE_MODELS: booleanFlag.default(true),
  /** Retrain every this many minutes; 0 turns the schedule off. */
  RETRAIN_EVERY_MINUTES: z.coerce.number().min(0).default(0),
  /** Retrain once this many new labeled examples arrived since the last retrain; 0 turns it off. */
  RETRAIN_AFTER_EXAMPLES: z.coerce.number().int().min(0).default(0),
  /** A candidate is promoted when its holdout macro-F1 ≥ the active version's − this margin. */
  /** Largest macro-F1 drop a candidate may show and still be promoted; the fixed holdout varies about ±0.02. */
  RETRAIN_MARGIN_MACRO_F1: z.coerce.number().min(0).max(1).default(0.03),
});

export type FeedbackEnvironment = z.infer<typeof feedbackEnvironmentSchema>;

/** Parses the feedback service's environment once at start; errors name the variable. */
export function readFeedbackEnvironment(environment: NodeJS.ProcessEnv = process.env): FeedbackEnvironment {
  const parsed = parseEnvironment(feedbackEnvironmentSchema, environment);
  if (parsed.EMBEDDING_MODEL_DIR === undefined && !environment['EMBEDDING_MODEL']) {
    parsed.EMBEDDING_MODEL_DIR = LOCAL_EMBEDDING_MODEL_CANDIDATES.find((folder) => existsSync(path.join(folder, 'config.json')));
  }
  return Object.freeze(parsed);
}
