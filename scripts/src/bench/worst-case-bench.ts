import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { fixed, formatTable } from '../console-table';
import { worstCaseBodies } from './worst-case-bodies';

/**
 * `pnpm bench:worst-case [--max-body-bytes N]`: the router as its own process (demo mode, decisions logged), sent
 * each worst-case body one at a time. For each: the router's CPU per request (all its threads, from
 * /proc/<pid>/task/<tid>/schedstat, in nanoseconds) and the latency of /healthz polled every 5 ms meanwhile on another
 * connection. The goal: any body within the size limit costs under 50 ms of CPU, and /healthz answers in under 50 ms.
 */
const REPETITIONS = Number(process.env['BENCH_REPETITIONS'] ?? 10);
const root = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'max-body-bytes': { type: 'string' } } });
  const maxBodyBytes = Number(values['max-body-bytes'] ?? defaultMaxBodyBytes());
  const workDirectory = mkdtempSync(path.join(tmpdir(), 'routewise-worst-case-'));
  const configFile = path.join(workDirectory, 'routewise.yaml');
  const config = parseDocument(readFileSync(path.join(root, 'config/routewise.yaml'), 'utf8'));
  config.setIn(['server', 'max_body_bytes'], maxBodyBytes);
  writeFileSync(configFile, config.toString());
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const router = spawn(process.execPath, [path.join(root, 'services/router/dist/main.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env['PATH'], ROUTER_PORT: String(port), LOG_LEVEL: 'silent', ROUTEWISE_CONFIG: configFile, ROUTEWISE_DATA_DIR: path.join(root, '.data') },
  });
  try {
    await waitForReady(port);
    const rows: (string | number)[][] = [];
    for (const worstCase of worstCaseBodies(maxBodyBytes)) {
      for (const endpoint of ['/v1/route', '/v1/chat/completions']) {
        await send(port, endpoint, worstCase.body); // warm-up
        const cpu: number[] = [];
        const wall: number[] = [];
        const health: number[] = [];
        const outcomes = new Set<string>();
        for (let repetition = 0; repetition < REPETITIONS; repetition++) {
          const polling = pollHealth(port, health);
          const before = cpuNanoseconds(router.pid!);
          const startedAt = performance.now();
          outcomes.add(await send(port, endpoint, worstCase.body));
          wall.push(performance.now() - startedAt);
          cpu.push((cpuNanoseconds(router.pid!) - before) / 1e6);
          await polling.stop();
        }
        const outcome = [...outcomes].join(' / ');
        const verdict = outcomes.size === 1 && outcomes.has(worstCase.expected) ? outcome : `${outcome} (expected ${worstCase.expected})`;
        rows.push([worstCase.name, endpoint, `${(worstCase.body.length / 1024 / 1024).toFixed(2)} MB`, verdict, fixed(median(cpu), 1), fixed(Math.max(...cpu), 1), fixed(median(wall), 1), fixed(Math.max(...health), 1)]);
      }
    }
    console.log(`router process, demo mode, server.max_body_bytes ${maxBodyBytes} (${(maxBodyBytes / 1024 / 1024).toFixed(0)} MiB), ${REPETITIONS} requests per row, node ${process.version}`);
    console.log(formatTable(['body', 'endpoint', 'size', 'answer', 'CPU ms p50', 'CPU ms max', 'wall ms p50', '/healthz max ms'], rows));
  } finally {
    router.kill('SIGTERM');
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

/** CPU time of every thread of the process so far, in nanoseconds (first field of schedstat). */
function cpuNanoseconds(pid: number): number {
  let total = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}

/** Sends one body; resolves to `200`, or the error status and code (`400 invalid_request`). */
function send(port: number, path: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
      const pieces: Buffer[] = [];
      response.on('data', (piece: Buffer) => pieces.push(piece));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status < 400) return resolve(String(status));
        const code = (JSON.parse(Buffer.concat(pieces).toString('utf8')) as { error?: { code?: string } }).error?.code;
        resolve(`${status} ${code ?? '(no code)'}`);
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Asks /healthz every 5 ms until stopped, recording each answer's latency. */
function pollHealth(port: number, latencies: number[]): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const startedAt = performance.now();
      await new Promise<void>((resolve) => {
        request({ host: '127.0.0.1', port, path: '/healthz' }, (response) => {
          response.resume();
          response.on('end', () => resolve());
        })
          .on('error', () => resolve())
          .end();
      });
      latencies.push(performance.now() - startedAt);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function waitForReady(port: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ready = await new Promise<boolean>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/readyz' }, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      })
        .on('error', () => resolve(false))
        .end();
    });
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the router did not become ready');
}

function defaultMaxBodyBytes(): number {
  const config = parseDocument(readFileSync(path.join(root, 'config/routewise.yaml'), 'utf8'));
  return Number(config.getIn(['server', 'max_body_bytes']));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
