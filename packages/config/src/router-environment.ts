import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { booleanFlag, logLevel, parseEnvironment, serviceToken } from './environment-values';
import { DEFAULT_CONFIG_PATH } from './load-routewise-config';
import { readProviderCredentials, type ProviderCredentials } from './provider-credentials';


const port = z.coerce.number().int().min(0).max(65535);
const routerEnvironmentSchema = z.object({
  ROUTER_PORT: port.default(8080),
  ROUTER_HOST: z.string().min(1).default('127.0.0.1'),
  /** Processes sharing the port (node:cluster); 1 serves from the main process. */
  ROUTER_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  FEEDBACK_URL: z.url().default('http://127.0.0.1:8081'),
  ROUTEWISE_DATA_DIR: z.string().min(1).default('.data'),
  ROUTEWISE_CONFIG: z.string().min(1).default(DEFAULT_CONFIG_PATH),
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
  /** Keep the task text in decision records; otherwise only its hash and the classifier's features are kept. */
  STORE_PROMPTS: booleanFlag.default(false),
  /**
   * Use the feedback service at FEEDBACK_URL: ship decisions to it, poll it for the active classifier and forward
   * POST /v1/feedback. Off: decisions are logged and feedback is refused with 503.
   */
  FEEDBACK_ENABLED: booleanFlag.default(false),
  ROUTEWISE_DECISION_BUFFER: z.coerce.number().int().min(1).default(10_000),
  /** How often the router asks the feedback service for a newly promoted classifier. */
  ROUTEWISE_CLASSIFIER_POLL_MS: z.coerce.number().int().min(100).default(2_000),
  /** How long a starting router waits for the feedback service's promoted classifier before it uses its local one. */
  ROUTEWISE_CLASSIFIER_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Sent to the feedback service with decisions, feedback and polls; unset: read from (or generated into) the data folder. */
  ROUTEWISE_INTERNAL_TOKEN: serviceToken.optional(),
  LOG_LEVEL: logLevel,
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type RouterEnvironment = z.infer<typeof routerEnvironmentSchema> & { providers: ProviderCredentials };

/**
 * Local model folders used when neither EMBEDDING_MODEL_DIR nor EMBEDDING_MODEL is set, so `npm start` and the
 * tests run offline: a model dropped into the repo's `models/embedding`, then the workspace's shared static model.
 */
export const LOCAL_EMBEDDING_MODEL_CANDIDATES: readonly string[] = [
  path.resolve(__dirname, '../../../models/embedding'),
  path.resolve(__dirname, '../../../../shared/models/routewise-static-en-64'),
];

/** Parses the router's environment once at start; errors name the variable. */
export function readRouterEnvironment(environment: NodeJS.ProcessEnv = process.env): RouterEnvironment {
  const parsed = parseEnvironment(routerEnvironmentSchema, environment);
  if (parsed.EMBEDDING_MODEL_DIR === undefined && !environment['EMBEDDING_MODEL']) {
    parsed.EMBEDDING_MODEL_DIR = LOCAL_EMBEDDING_MODEL_CANDIDATES.find((folder) => existsSync(path.join(folder, 'config.json')));
  }
  return Object.freeze({ ...parsed, providers: readProviderCredentials(environment) });
}
