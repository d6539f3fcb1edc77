// `npm start`: install, build, and run the services on embedded defaults.
import path from 'node:path';
import { installAndBuild, root, startProcess } from './workspace.mjs';

installAndBuild();

const environment = { ...process.env };
environment.ROUTEWISE_DATA_DIR ??= path.join(root, '.data');
const routerPort = environment.ROUTER_PORT ?? '8080';
const routerHost = environment.ROUTER_HOST ?? '127.0.0.1';
const feedbackPort = environment.FEEDBACK_PORT ?? '8081';
const feedbackHost = environment.FEEDBACK_HOST ?? '127.0.0.1';
environment.FEEDBACK_URL ??= `http://${feedbackHost}:${feedbackPort}`;
environment.FEEDBACK_ENABLED ??= 'true';

console.log('› starting the feedback service and the router');
const feedback = startProcess('feedback service', path.join(root, 'services/feedback/dist/main.js'), environment);
const router = startProcess('router', path.join(root, 'services/router/dist/main.js'), environment);
const children = [feedback, router];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(0);
  });
}
for (const child of children) child.on('exit', (code) => process.exit(code ?? 1));

const routerUrl = `http://${routerHost}:${routerPort}`;
await waitForReady(`${environment.FEEDBACK_URL}/healthz`, 60_000);
const readiness = await waitForReady(`${routerUrl}/readyz`, 180_000);
const demo = readiness.demo_mode;
console.log(`
Routewise is running.
  router:    ${routerUrl}   (OpenAI-compatible: ${routerUrl}/v1, model "auto"; POST /v1/feedback too)
  feedback:  ${environment.FEEDBACK_URL}   (${environment.DATABASE_URL ? 'Postgres from DATABASE_URL' : `PGlite in ${path.join(environment.ROUTEWISE_DATA_DIR, 'feedback-db')}`})
  embedder:  ${readiness.embedder?.id}${readiness.embedder?.fallback ? '  (FALLBACK: no embedding model could be loaded)' : ''}
  classifier ${readiness.classifier?.version}
  mode:      ${demo ? 'DEMO: no provider key is set, answers are simulated (set OPENAI_API_KEY, ANTHROPIC_API_KEY, ... for real ones)' : 'live: provider keys found'}

Try:  curl -s ${routerUrl}/v1/chat/completions -H 'content-type: application/json' \\
        -d '{"model":"auto","messages":[{"role":"user","content":"Write a haiku about routers"}]}'
Press Ctrl+C to stop.
`);

async function waitForReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return await response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`${url} did not become ready within ${timeoutMs / 1000} s; see the log above.`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
}
