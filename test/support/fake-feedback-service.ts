import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the feedback service's router-facing API: it requires the internal token like the real one,
 * stores decision batches idempotently by request id, accepts feedback, and serves an active classifier artifact with
 * an ETag. `stop()` and `start()` on the same port simulate an outage.
 */
export interface FakeFeedbackService {
  readonly url: string;
  /** What routers must send (ROUTEWISE_INTERNAL_TOKEN). */
  readonly internalToken: string;
  /** Requests refused for a missing or wrong token. */
  unauthorized: number;
  /** Every decision received, first copy only, by request id. */
  readonly decisions: Map<string, Record<string, unknown>>;
  /** How many copies of each request id arrived (retries may resend a batch whose answer was lost). */
  readonly deliveries: Map<string, number>;
  readonly batches: number[];
  readonly feedback: Record<string, unknown>[];
  /** The order of events, e.g. `decision:req_1`, `feedback:req_1`. */
  readonly log: string[];
  activeArtifact: { version: string } | null;
  classifierRequests: { ifNoneMatch: string | null; status: number }[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFakeFeedbackService(port = 0): Promise<FakeFeedbackService> {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const service: FakeFeedbackService = {
    url: '',
    internalToken: `rw-internal-fake-${randomBytes(12).toString('hex')}`,
    unauthorized: 0,
    decisions: new Map(),
    deliveries: new Map(),
    batches: [],
    feedback: [],
    log: [],
    activeArtifact: null,
    classifierRequests: [],
    async start() {
      server = createServer((request, response) => void handle(service, request, response));
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      port = (server.address() as AddressInfo).port;
      (service as { url: string }).url = `http://127.0.0.1:${port}`;
    },
    async stop() {
      if (!server) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    },
  };
  await service.start();
  return service;
}

async function handle(service: FakeFeedbackService, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
  const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(payload === undefined ? undefined : JSON.stringify(payload));
  };
  if (request.headers.authorization !== `Bearer ${service.internalToken}`) {
    service.unauthorized += 1;
    return send(401, { error: { message: 'needs the internal token', type: 'authentication_error', code: 'unauthorized', param: null } });
  }
  if (request.method === 'POST' && request.url === '/v1/decisions') {
    const decisions = body['decisions'] as Record<string, unknown>[];
    service.batches.push(decisions.length);
    for (const decision of decisions) {
      const id = String(decision['requestId']);
      service.deliveries.set(id, (service.deliveries.get(id) ?? 0) + 1);
      if (!service.decisions.has(id)) {
        service.decisions.set(id, decision);
        service.log.push(`decision:${id}`);
      }
    }
    return send(200, { received: decisions.length, stored: decisions.length, rejected: [] });
  }
  if (request.method === 'POST' && request.url === '/v1/feedback') {
    const id = String(body['request_id']);
    if (!service.decisions.has(id)) return send(404, { error: { message: `unknown request id ${id}`, type: 'not_found_error', code: 'not_found', param: 'request_id' } });
    service.feedback.push(body);
    service.log.push(`feedback:${id}`);
    return send(200, { request_id: id, stored: true });
  }
  if (request.method === 'GET' && request.url === '/v1/classifier/active') {
    const ifNoneMatch = (request.headers['if-none-match'] as string | undefined) ?? null;
    const artifact = service.activeArtifact;
    const status = !artifact ? 404 : ifNoneMatch === `"${artifact.version}"` ? 304 : 200;
    service.classifierRequests.push({ ifNoneMatch, status });
    if (status === 404) return send(404, { error: { message: 'no active classifier', type: 'not_found_error', code: 'not_found', param: null } });
    if (status === 304) return send(304, undefined, { etag: `"${artifact!.version}"` });
    return send(200, artifact, { etag: `"${artifact!.version}"` });
  }
  send(404, { error: { message: 'not found', type: 'not_found_error', code: 'not_found', param: null } });
}
