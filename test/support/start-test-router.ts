import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadRoutewiseConfig, parseRoutewiseConfig, readRouterEnvironment, type RoutewiseConfig } from '@routewise/config';
import { createHttpService, type HttpService } from '@routewise/http';
import { createRouterRuntime, MemoryDecisionRecorder, type RouterRuntime } from '@routewise/router';
import { createLogger } from '@routewise/telemetry';

/** Repo root, for paths such as the shared static model and the config shipped in the repo. */
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_STATIC_MODEL = path.resolve(REPO_ROOT, '../shared/models/routewise-static-en-64');
/** Classifier artifacts are cached here across test files so the seed classifier is trained once per data change. */
export const TEST_DATA_DIRECTORY = process.env['ROUTEWISE_TEST_DATA_DIR'] ?? path.join(REPO_ROOT, '.data', 'test');
/** The seed classifier every test router and test retrain starts from (trained once by `npm test`, then cached here). */
export const TEST_CLASSIFIER_DIRECTORY = path.join(TEST_DATA_DIRECTORY, 'classifiers');
/**
 * Gives a fresh data folder the cached seed classifier, so services started as processes with it load the seed
 * instead of training their own (minutes). Without a cache (jest run without `npm test`'s first step) they train.
 */
export function copySeedClassifiers(dataDirectory: string): void {
  if (existsSync(TEST_CLASSIFIER_DIRECTORY)) cpSync(TEST_CLASSIFIER_DIRECTORY, path.join(dataDirectory, 'classifiers'), { recursive: true });
}
/** The public labeled sets the seed classifier trains on beside the repo's prompts. */
export const SHARED_PUBLIC_DATA = process.env['ROUTEWISE_SHARED_DATA'] ?? path.resolve(REPO_ROOT, '../shared/data');

export interface TestRouterOptions {
  /** Extra environment variables (provider keys and base URLs pointing at fake upstreams, ...). */
  environment?: Record<string, string>;
  /** Changes applied to the shipped config before it is validated again. */
  configure?: (config: RoutewiseConfig) => void;
  /** Let the router build its own recorder from the environment (e.g. the feedback service's) instead of memory. */
  useEnvironmentRecorder?: boolean;
}

export interface TestRouter {
  url: string;
  /** OpenAI-compatible base URL, for the official client. */
  baseURL: string;
  runtime: RouterRuntime;
  /** The HTTP server, as main.ts runs it (drain, in-flight count). */
  service: HttpService;
  recorder: MemoryDecisionRecorder;
  /** Everything the router logged, as text. */
  logs(): string;
  close(): Promise<void>;
}

/** Starts a real router on a loopback port with the shared static embedder and the repo's labeled prompts. */
export async function startTestRouter(options: TestRouterOptions = {}): Promise<TestRouter> {
  const environment = readRouterEnvironment({
    EMBEDDING_MODEL_DIR: SHARED_STATIC_MODEL,
    ROUTEWISE_DATA_DIR: TEST_DATA_DIRECTORY,
    ROUTEWISE_ALLOW_REMOTE_MODELS: 'false',
    LOG_LEVEL: 'info',
    ...options.environment,
  });
  let config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  if (options.configure) {
    const draft = structuredClone(config);
    options.configure(draft);
    config = parseRoutewiseConfig(draft);
  }
  let logged = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const recorder = new MemoryDecisionRecorder();
  const logger = createLogger({ name: 'routewise-router', level: 'info', destination: stream });
  const runtime = createRouterRuntime({ environment, config, logger, ...(options.useEnvironmentRecorder ? {} : { recorder }) });
  await runtime.ready;
  const service = createHttpService(runtime.app);
  const url = `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
  return {
    url,
    baseURL: `${url}/v1`,
    runtime,
    service,
    recorder,
    logs: () => logged,
    close: async () => {
      await service.drain(0);
      await runtime.close();
    },
  };
}
