// Runs the feedback service and the router as child processes, prints where they are, and stops them in order.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './workspace.mjs';

const require = createRequire(import.meta.url);

/**
 * Starts both services on embedded defaults (environment variables win), waits until they are ready and prints
 * their URLs and where the generated tokens are. One SIGINT or SIGTERM stops them in order: the router first (it
 * finishes its requests and delivers its decisions), then the feedback service; a second one kills them.
 * Children run in their own process groups, so a terminal's Ctrl+C or a signal to this process group reaches only
 * this launcher, which passes it on once; they also stop by themselves if this launcher dies (their IPC channel
 * closes).
 */
export async function runServices() {
  const { resolveServiceToken } = require(path.join(root, 'packages/config/dist/index.js'));
  const environment = { ...process.env };
  environment.ROUTEWISE_DATA_DIR ??= path.join(root, '.data');
  const routerPort = environment.ROUTER_PORT ?? '8080';
  const routerHost = environment.ROUTER_HOST ?? '127.0.0.1';
  const feedbackPort = environment.FEEDBACK_PORT ?? '8081';
  const feedbackHost = environment.FEEDBACK_HOST ?? '127.0.0.1';
  environment.FEEDBACK_URL ??= `http://${feedbackHost}:${feedbackPort}`;
  environment.FEEDBACK_ENABLED ??= 'true';
  // Generated once into the data folder (mode 0600) unless the environment sets them; both services read the same files.
  const internalToken = resolveServiceToken('internal', environment.ROUTEWISE_INTERNAL_TOKEN || undefined, environment.ROUTEWISE_DATA_DIR, { create: true });
  const adminToken = resolveServiceToken('admin', environment.ADMIN_TOKEN || undefined, environment.ROUTEWISE_DATA_DIR, { create: true });

  // The router would train its seed classifier at start anyway; done here first, its progress and loss curve show.
  console.log('› the seed classifier (trained once per embedder and training data, then reused)');
  const training = spawnSync(process.execPath, [path.join(root, 'scripts/dist/train-classifier.js')], { cwd: root, env: environment, stdio: 'inherit' });
  if (training.status !== 0) process.exit(training.status ?? 1);

  console.log('› starting the feedback service and the router');
  const feedback = startService('feedback service', 'services/feedback/dist/main.js', environment);
  const router = startService('router', 'services/router/dist/main.js', environment);
  let stopping = false;

  const stop = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    console.log('\n› stopping: the router first (it finishes its requests and delivers its decisions), then the feedback service');
    await router.stop();
    await feedback.stop();
    process.exit(exitCode);
  };
  let firstSignalAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!stopping) {
        firstSignalAt = Date.now();
        return void stop(0);
      }
      // `npm start` passes a Ctrl+C on as well: the same keypress arrives twice within milliseconds.
      if (Date.now() - firstSignalAt < 1_000) return;
      console.log('› stopping now');
      router.kill();
      feedback.kill();
      process.exit(1);
    });
  }
  for (const service of [feedback, router]) {
    service.child.on('exit', (code) => {
      if (stopping) return;
      console.error(`${service.name} exited (code ${code ?? 'none'}); stopping the other service`);
      void stop(code || 1);
    });
  }

  const routerUrl = `http://${routerHost}:${routerPort}`;
  await waitForReady(`${environment.FEEDBACK_URL}/healthz`, 60_000, stop);
  const readiness = await waitForReady(`${routerUrl}/readyz`, 180_000, stop);
  const tokenPlace = (token, variable) => (token.file ? `${token.file}${token.created ? ' (new)' : ''}` : `from ${variable}`);
  console.log(`
Routewise is running.
  router:    ${routerUrl}   (OpenAI-compatible: ${routerUrl}/v1, model "auto"; POST /v1/feedback too)
  feedback:  ${environment.FEEDBACK_URL}   (${environment.DATABASE_URL ? 'Postgres from DATABASE_URL' : `PGlite in ${path.join(environment.ROUTEWISE_DATA_DIR, 'feedback-db')}`})
  embedder:  ${readiness.embedder?.id}${readiness.embedder?.fallback ? '  (FALLBACK: no embedding model could be loaded)' : ''}
  classifier ${readiness.classifier?.version} (${readiness.classifier?.source}: ${readiness.classifier?.note})
  mode:      ${readiness.demo_mode ? 'DEMO: no provider key is set, answers are simulated (set OPENAI_API_KEY, ANTHROPIC_API_KEY, ... for real ones)' : 'live: provider keys found'}
  tokens:    internal ${tokenPlace(internalToken, 'ROUTEWISE_INTERNAL_TOKEN')}
             admin    ${tokenPlace(adminToken, 'ADMIN_TOKEN')}   (pnpm retrain and GET /v1/stats use it)

Try:  curl -s ${routerUrl}/v1/chat/completions -H 'content-type: application/json' \\
        -d '{"model":"auto","messages":[{"role":"user","content":"Write a haiku about routers"}]}'
Press Ctrl+C to stop.
`);
}

function startService(name, script, environment) {
  const child = spawn(process.execPath, [path.join(root, script)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: environment, detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    name,
    child,
    /** One SIGTERM, then wait for the process to finish stopping. */
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

async function waitForReady(url, timeoutMs, stop) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return await response.json();
      await response.arrayBuffer();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`${url} did not become ready within ${timeoutMs / 1000} s; see the log above.`);
  await stop(1);
}
