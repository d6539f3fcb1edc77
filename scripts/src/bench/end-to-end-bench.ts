import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { fixed, formatTable } from '../console-table';
import { loadPublicExamples } from '@routewise/classifier';
import { sharedDataDirectory } from '../evaluation/shared-data';

/**
 * `pnpm bench:e2e`: the router as a separate process in front of a zero-latency fake provider, loaded by autocannon
 * at a fixed concurrency, against the same load sent to the fake provider directly. The difference is the router's
 * end-to-end overhead; the router's requests per second is what it sustains on this machine (with the load
 * generator and the fake provider sharing its cores).
 */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const DURATION_SECONDS = Number(process.env['BENCH_DURATION'] ?? 15);
const root = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const upstream = spawn(process.execPath, [path.join(__dirname, 'zero-latency-upstream.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const upstreamPort = Number(await firstLine(upstream));
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const routerPort = 18_000 + Math.floor(Math.random() * 2000);
  const providerEnvironment = Object.fromEntries(
    ['OPENAI', 'GROQ', 'GEMINI', 'DEEPSEEK', 'XAI'].flatMap((name) => [[`${name}_API_KEY`, 'bench-key'], [`${name}_BASE_URL`, `${upstreamUrl}/v1`]]),
  );
  const router = spawn(process.execPath, [path.join(root, 'services/router/dist/main.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...providerEnvironment, ANTHROPIC_API_KEY: 'bench-key', ANTHROPIC_BASE_URL: upstreamUrl, ROUTER_PORT: String(routerPort), LOG_LEVEL: 'warn', ROUTEWISE_DATA_DIR: path.join(root, '.data') },
  });
  const routerUrl = `http://127.0.0.1:${routerPort}`;
  try {
    await waitForReady(`${routerUrl}/readyz`);
    const prompts = loadPublicExamples(sharedDataDirectory()).map((example) => String(example.messages.at(-1)!.content)).filter((prompt) => prompt.length < 600);
    let counter = 0;
    // Unique prompts: every request misses the embedding cache.
    const nextBody = () => JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: `${counter++} ${prompts[counter % prompts.length]}` }] });

    await load(`${routerUrl}/v1/chat/completions`, nextBody, 5);
    const rssAfterWarmUp = residentSetMegabytes(router);
    const direct = await load(`${upstreamUrl}/v1/chat/completions`, nextBody, DURATION_SECONDS);
    const routed = await load(`${routerUrl}/v1/chat/completions`, nextBody, DURATION_SECONDS);
    const rssAfterLoad = residentSetMegabytes(router);

    console.log(`concurrency ${CONCURRENCY}, ${DURATION_SECONDS} s per run, unique prompts, model "auto", node ${process.version}`);
    console.log(formatTable(
      ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors + non-2xx'],
      [
        ['fake provider directly', fixed(direct.requests.average, 0), direct.latency.p50, direct.latency.p90, direct.latency.p99, direct.errors + direct.non2xx],
        ['through the router', fixed(routed.requests.average, 0), routed.latency.p50, routed.latency.p90, routed.latency.p99, routed.errors + routed.non2xx],
      ],
    ));
    console.log(`router overhead: p50 ${routed.latency.p50 - direct.latency.p50} ms, p99 ${routed.latency.p99 - direct.latency.p99} ms`);
    console.log(`router RSS: ${rssAfterWarmUp} MB after warm-up, ${rssAfterLoad} MB after the load`);
  } finally {
    router.kill('SIGTERM');
    upstream.kill('SIGTERM');
  }
}

function load(url: string, nextBody: () => string, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONCURRENCY,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
  });
}

function residentSetMegabytes(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('process exited before printing')));
  });
}

async function waitForReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never became ready`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
