import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RecordedRequest } from './recorded-request';

export type FakeRequestHandler = (request: RecordedRequest, response: ServerResponse) => Promise<void>;

/** A loopback HTTP server that records every request and closes without waiting for hung ones. */
export interface FakeHttpServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, on a free port. */
export async function startFakeHttpServer(handle: FakeRequestHandler): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, response) => {
    void readRequest(incoming)
      .then((request) => {
        requests.push(request);
        return handle(request, response);
      })
      .catch((error: unknown) => {
        if (!response.headersSent && !response.destroyed) {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(`fake upstream failed: ${String(error)}`);
        }
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake upstream has no TCP address.');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Hung and streaming responses would keep close() waiting forever.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

async function readRequest(incoming: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of incoming) parts.push(part as Buffer);
  const rawBody = Buffer.concat(parts).toString('utf8');
  return {
    method: incoming.method ?? 'GET',
    path: new URL(incoming.url ?? '/', 'http://fake.invalid').pathname,
    headers: incoming.headers,
    body: parseBody(rawBody),
    rawBody,
  };
}

function parseBody(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}
