import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeAnthropicServer } from '../fake-upstreams/fake-anthropic-server';
import { startFakeOpenAIServer } from '../fake-upstreams/fake-openai-server';
import type { FakeUpstream } from '../fake-upstreams/fake-upstream-server';
import { findFreePort } from '../postgres/free-port';
import { copySeedClassifiers, REPO_ROOT, SHARED_STATIC_MODEL } from '../start-test-router';
import type { ServiceTokens } from './header-arbitraries';
import { ServiceProcess } from './service-process';

export const ROUTER_SCRIPT = path.join(REPO_ROOT, 'services/router/dist/main.js');
export const FEEDBACK_SCRIPT = path.join(REPO_ROOT, 'services/feedback/dist/main.js');

/** Why the services cannot be started from their build output, or null when they can. */
export function missingBuildOutput(): string | null {
  const missing = [FEEDBACK_SCRIPT, ROUTER_SCRIPT].filter((script) => !existsSync(script));
  return missing.length === 0 ? null : `no build output (${missing.map((script) => path.relative(REPO_ROOT, script)).join(', ')}): run \`pnpm build\` first`;
}

export interface FuzzServices {
  router: ServiceProcess;
  feedback: ServiceProcess;
  tokens: ServiceTokens;
  /**
   * Fake OpenAI and Anthropic servers on loopback. No provider key is set (demo mode), but a request that brings
   * its own key (`x-routewise-key-openai`) is sent to a real provider: these stand in for them, so such requests
   * are answered instead of failing on the sandbox's missing network.
   */
  upstreams: readonly FakeUpstream[];
  /** Where logs (and the report) go. */
  outputDirectory: string;
  /** Starts a service again after it exited (same port, same data folder). */
  restart(service: ServiceProcess): Promise<void>;
  /** Stops both processes and removes their temporary data folder. */
  close(): Promise<void>;
}

export interface StartFuzzServicesOptions {
  outputDirectory: string;
  /** First start trains a seed classifier; a loaded two-core machine needs minutes. */
  readyTimeoutMs?: number;
}

/**
 * Both services as child processes from their build output, the way `npm start` runs them: loopback ports picked
 * free, a fresh data folder (PGlite), the shared static embedder, no provider key (demo mode) with OpenAI and
 * Anthropic base URLs on loopback fakes, feedback enabled, and random internal and admin tokens on both.
 */
export async function startFuzzServices(options: StartFuzzServicesOptions): Promise<FuzzServices> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 240_000;
  mkdirSync(options.outputDirectory, { recursive: true });
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'routewise-fuzz-'));
  copySeedClassifiers(dataDirectory);
  const routerPort = await findFreePort();
  let feedbackPort = await findFreePort();
  while (feedbackPort === routerPort) feedbackPort = await findFreePort();
  const tokens: ServiceTokens = { internal: randomBytes(24).toString('hex'), admin: randomBytes(24).toString('hex') };
  const openai = await startFakeOpenAIServer();
  const anthropic = await startFakeAnthropicServer();
  const environment: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    ROUTEWISE_DATA_DIR: dataDirectory,
    ROUTER_PORT: String(routerPort),
    FEEDBACK_PORT: String(feedbackPort),
    FEEDBACK_URL: `http://127.0.0.1:${feedbackPort}`,
    FEEDBACK_ENABLED: 'true',
    ROUTEWISE_ALLOW_REMOTE_MODELS: 'false',
    EMBEDDING_MODEL_DIR: SHARED_STATIC_MODEL,
    LOG_LEVEL: 'warn',
    ROUTEWISE_INTERNAL_TOKEN: tokens.internal,
    ADMIN_TOKEN: tokens.admin,
    // Feedback for an unknown request id waits this long for its decision before the 404 (default 3 s); the fuzz
    // sends hundreds of those, and the wait itself is not what is being tested.
    FEEDBACK_DECISION_WAIT_MS: '100',
    OPENAI_BASE_URL: openai.url,
    ANTHROPIC_BASE_URL: anthropic.url,
  };
  const feedback = new ServiceProcess({
    name: 'feedback',
    script: FEEDBACK_SCRIPT,
    cwd: REPO_ROOT,
    environment,
    port: feedbackPort,
    readinessPath: '/healthz',
    logFile: path.join(options.outputDirectory, 'feedback-service.log'),
  });
  const router = new ServiceProcess({
    name: 'router',
    script: ROUTER_SCRIPT,
    cwd: REPO_ROOT,
    environment,
    port: routerPort,
    readinessPath: '/readyz',
    logFile: path.join(options.outputDirectory, 'router.log'),
  });

  const killOnExit = () => {
    router.killNow();
    feedback.killNow();
  };
  process.once('exit', killOnExit);
  let closed = false;
  const close = async () => {
    closed = true;
    process.removeListener('exit', killOnExit);
    await Promise.all([router.stop(), feedback.stop()]);
    await Promise.all([router.closeLog(), feedback.closeLog(), openai.close(), anthropic.close()]);
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  try {
    await feedback.start(readyTimeoutMs);
    await router.start(readyTimeoutMs);
    watchForOrphans([feedback, router]);
  } catch (error) {
    await close();
    throw error;
  }
  const restart = async (service: ServiceProcess) => {
    if (closed) throw new Error(`The ${service.name} cannot be restarted: the fuzz services are closed.`);
    await service.stop();
    await service.start(readyTimeoutMs);
    watchForOrphans([service]);
  };
  return { router, feedback, tokens, upstreams: [openai, anthropic], outputDirectory: options.outputDirectory, restart, close };
}

/** The harness's environment without anything that would change what is tested: provider keys and URLs, a database, tokens. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/_API_KEY$|_BASE_URL$/.test(name) && !/^(DATABASE_URL|ADMIN_TOKEN|ROUTEWISE_|FEEDBACK_|ROUTER_|EMBEDDING_|STORE_PROMPTS|RETRAIN_|OTEL_)/.test(name),
    ),
  );
}

/** A detached watchdog that kills the services if this process dies without stopping them. */
function watchForOrphans(services: readonly ServiceProcess[]): void {
  const pids = services.map((service) => service.pid).filter((pid): pid is number => pid !== null);
  const watchdog = spawn(process.execPath, [path.join(__dirname, 'orphan-watchdog.cjs'), String(process.pid), ...pids.map(String)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}
