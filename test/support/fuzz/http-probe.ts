import { request } from 'node:http';

export interface ProbeAnswer {
  status: number;
  body: string;
  durationMs: number;
}

/** GET http://127.0.0.1:<port><path>; null when nothing answers within the time limit. */
export function probe(port: number, path: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<ProbeAnswer | null> {
  return exchange(port, { path, method: 'GET', headers }, timeoutMs, undefined);
}

/** POST JSON, for the harness's own warm-up requests. */
export function postJson(port: number, path: string, body: unknown, timeoutMs: number): Promise<ProbeAnswer | null> {
  const bytes = Buffer.from(JSON.stringify(body));
  return exchange(port, { path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } }, timeoutMs, bytes);
}

/** One request on a fresh connection; null when it fails or nothing answers within the time limit. */
function exchange(port: number, options: { path: string; method: string; headers: Record<string, string> }, timeoutMs: number, body: Buffer | undefined): Promise<ProbeAnswer | null> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const client = request({ host: '127.0.0.1', port, agent: false, timeout: timeoutMs, ...options }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), durationMs: performance.now() - startedAt }));
      response.on('error', () => resolve(null));
    });
    client.on('timeout', () => client.destroy());
    client.on('error', () => resolve(null));
    client.end(body);
  });
}
