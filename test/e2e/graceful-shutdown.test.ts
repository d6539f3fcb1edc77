import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type Database, type Kysely } from '@routewise/database';
import { copySeedClassifiers, REPO_ROOT, SHARED_STATIC_MODEL, startFakeOpenAIServer, type FakeOpenAIServer } from '@routewise/test-support';
import { findFreePort } from '@routewise/test-support/postgres';

const LAUNCHER = path.join(REPO_ROOT, 'scripts/launcher/serve.mjs');
const BUILT = ['services/router/dist/main.js', 'services/feedback/dist/main.js', 'scripts/dist/retrain.js'].every((file) => existsSync(path.join(REPO_ROOT, file)));

interface Acknowledged {
  completions: Set<string>;
  feedback: Set<string>;
  /** Completions sent before the stop signal and answered after it: they were in flight. */
  inFlightAtStop: number;
  /** Answers that started (200) but were cut: a stream without [DONE], or a body that is not JSON. */
  cut: string[];
  /** Requests sent before the stop that got no answer or an error, for the failure message. */
  refusedAtStop: string[];
}

/**
 * `npm start`'s launcher (without the install and build), stopped by one SIGTERM to its process group in the middle
 * of a burst: every answered request has its decision stored, every acknowledged feedback is stored, no answer is cut,
 * and both services exit. Requests go to a pinned OpenAI model on a loopback fake that answers slowly, so some are in
 * flight when the signal arrives.
 */
(BUILT ? describe : describe.skip)('stopping npm start during a burst', () => {
  let upstream: FakeOpenAIServer;
  let launcher: ChildProcess;
  let dataDirectory: string;
  let routerUrl: string;
  let feedbackUrl: string;
  let output = '';

  beforeAll(async () => {
    upstream = await startFakeOpenAIServer({ latencyMs: 300, chunkDelayMs: 40 });
    dataDirectory = mkdtempSync(path.join(tmpdir(), 'routewise-shutdown-'));
    copySeedClassifiers(dataDirectory);
    const [routerPort, feedbackPort] = [await findFreePort(), await findFreePort()];
    routerUrl = `http://127.0.0.1:${routerPort}`;
    feedbackUrl = `http://127.0.0.1:${feedbackPort}`;
    launcher = spawn(process.execPath, [LAUNCHER], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        ROUTEWISE_DATA_DIR: dataDirectory,
        ROUTER_PORT: String(routerPort),
        FEEDBACK_PORT: String(feedbackPort),
        EMBEDDING_MODEL_DIR: SHARED_STATIC_MODEL,
        ROUTEWISE_ALLOW_REMOTE_MODELS: 'false',
        OPENAI_API_KEY: 'sk-test-shutdown',
        OPENAI_BASE_URL: `${upstream.origin}/v1`,
        LOG_LEVEL: 'warn',
      },
    });
    launcher.stdout!.on('data', (piece: Buffer) => (output += piece.toString('utf8')));
    launcher.stderr!.on('data', (piece: Buffer) => (output += piece.toString('utf8')));
    const deadline = Date.now() + 240_000;
    while (!output.includes('Routewise is running')) {
      if (launcher.exitCode !== null) throw new Error(`the launcher exited while starting:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the services did not start in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 300_000);

  afterAll(async () => {
    if (launcher.exitCode === null && launcher.signalCode === null) process.kill(-launcher.pid!, 'SIGKILL');
    await upstream.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('prints where the generated tokens are, and pnpm retrain finds the admin token there by itself', () => {
    expect(output).toContain(path.join(dataDirectory, 'secrets', 'internal-token'));
    expect(output).toContain(path.join(dataDirectory, 'secrets', 'admin-token'));
    const retrain = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/dist/retrain.js'), '--dry-run'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'], ROUTEWISE_DATA_DIR: dataDirectory, FEEDBACK_URL: feedbackUrl, EMBEDDING_MODEL_DIR: SHARED_STATIC_MODEL, ROUTEWISE_ALLOW_REMOTE_MODELS: 'false' },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect({ status: retrain.status, stderr: retrain.stderr }).toEqual({ status: 0, stderr: '' });
    expect(retrain.stdout).toContain('is up: asking it to retrain (dry run)');
  }, 200_000);

  it('loses no answered request, no acknowledged feedback and no decision', async () => {
    const acknowledged: Acknowledged = { completions: new Set(), feedback: new Set(), inFlightAtStop: 0, cut: [], refusedAtStop: [] };
    let stopSentAt = Number.POSITIVE_INFINITY;
    let stopped = false;
    const worker = async (index: number) => {
      for (let round = 0; !stopped; round++) {
        const sentAt = Date.now();
        const requestId = await complete(routerUrl, round % 2 === 0, `worker ${index}, question ${round}: what is a mutex?`, acknowledged).catch((error: Error) => {
          // A keep-alive connection the server closed as idle just as a request went out is refused, not lost.
          if (sentAt < stopSentAt) acknowledged.refusedAtStop.push(`${error.message} (${(error.cause as Error | undefined)?.message ?? ''})`);
          return null;
        });
        if (requestId === null) {
          if (Date.now() > stopSentAt) return; // the router no longer takes requests
          continue;
        }
        acknowledged.completions.add(requestId);
        if (sentAt < stopSentAt && Date.now() > stopSentAt) acknowledged.inFlightAtStop += 1;
        const rated = await rate(routerUrl, requestId).catch(() => false);
        if (rated) acknowledged.feedback.add(requestId);
      }
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    while (acknowledged.completions.size < 24) await new Promise((resolve) => setTimeout(resolve, 20));

    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    stopSentAt = Date.now();
    process.kill(-launcher.pid!, 'SIGTERM');
    const code = await exited;
    stopped = true;
    await Promise.all(workers);

    expect(code).toBe(0);
    expect(acknowledged.cut).toEqual([]);
    expect({ inFlightAtStop: acknowledged.inFlightAtStop > 0, refused: acknowledged.refusedAtStop }).toMatchObject({ inFlightAtStop: true });
    expect(await portIsClosed(routerUrl)).toBe(true);
    expect(await portIsClosed(feedbackUrl)).toBe(true);

    const db: Kysely<Database> = await createDatabase({ dataDirectory: path.join(dataDirectory, 'feedback-db') });
    try {
      const decisions = new Set((await db.selectFrom('decisions').select('request_id').execute()).map((row) => row.request_id));
      const feedback = new Set((await db.selectFrom('feedback').select('request_id').execute()).map((row) => row.request_id));
      expect([...acknowledged.completions].filter((id) => !decisions.has(id))).toEqual([]);
      expect([...acknowledged.feedback].filter((id) => !feedback.has(id))).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});

/** One pinned completion, streamed or not; resolves to its request id once the whole answer arrived. */
async function complete(routerUrl: string, stream: boolean, question: string, acknowledged: Acknowledged): Promise<string | null> {
  const response = await fetch(`${routerUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: question }] }),
  });
  const text = await response.text();
  if (response.status !== 200) {
    acknowledged.refusedAtStop.push(`${response.status}: ${text.slice(0, 200)}`);
    return null;
  }
  const requestId = response.headers.get('x-routewise-request-id')!;
  const whole = stream ? text.trimEnd().endsWith('data: [DONE]') : isJson(text);
  if (!whole) {
    acknowledged.cut.push(requestId);
    return null;
  }
  return requestId;
}

async function rate(routerUrl: string, requestId: string): Promise<boolean> {
  const response = await fetch(`${routerUrl}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request_id: requestId, rating: 'up' }),
  });
  await response.arrayBuffer();
  return response.status === 200 || response.status === 201;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function portIsClosed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
