import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { errorMiddleware } from '@routewise/errors';
import { createHttpService, jsonBodyParser, requireBearerToken, type HttpService } from '../src/index';
import { rawRequest } from '@routewise/test-support';

const silentLogger = { error: () => undefined };

async function start(configure: (app: express.Express) => void): Promise<{ service: HttpService; url: string }> {
  const app = express();
  configure(app);
  app.use(errorMiddleware(silentLogger));
  const service = createHttpService(app);
  return { service, url: `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}` };
}

describe('createHttpService', () => {
  it('answers oversized headers with a 431 and a JSON error body', async () => {
    const { service, url } = await start((app) => app.get('/', (_request, response) => void response.json({ ok: true })));
    try {
      const response = await rawRequest(url, { method: 'GET', headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(response.status).toBe(431);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.json()).toEqual({ error: { message: expect.stringContaining('headers are too large'), type: 'invalid_request_error', code: 'headers_too_large', param: null } });
      expect((await rawRequest(url, { method: 'GET' })).status).toBe(200);
    } finally {
      await service.drain(1_000);
    }
  });

  it('answers oversized headers on a request with a large body without resetting the client that is still sending it', async () => {
    const { service, url } = await start(() => undefined);
    try {
      const body = Buffer.alloc(4 * 1024 * 1024, 0x20);
      // Done when the request is closed, so a reset that comes after the answer counts too.
      const outcome = await new Promise<{ status: number; error: string | null }>((resolve) => {
        let status = 0;
        let error: string | null = null;
        const outgoing = httpRequest(
          { host: '127.0.0.1', port: new URL(url).port, method: 'POST', path: '/', headers: { 'x-filler': 'f'.repeat(20_000), 'content-length': String(body.length) }, agent: false },
          (response) => {
            status = response.statusCode ?? 0;
            response.resume();
          },
        );
        outgoing.on('error', (problem) => (error = problem.message));
        outgoing.on('close', () => resolve({ status, error }));
        outgoing.end(body);
      });
      expect(outcome).toEqual({ status: 431, error: null });
    } finally {
      await service.drain(1_000);
    }
  });

  it('answers a request line Node cannot parse with a JSON 400', async () => {
    const { service, url } = await start(() => undefined);
    try {
      const socket = connect(Number(new URL(url).port), '127.0.0.1');
      socket.write('GET /\u0001bad HTTP/1.1\r\nHost: x\r\n\r\n');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (piece: Buffer) => (text += piece.toString('utf8')));
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
      expect(body.error.code).toBe('invalid_request');
    } finally {
      await service.drain(1_000);
    }
  });

  it('answers CONNECT, an unknown Expect and a request without Host with JSON instead of an empty answer or a closed socket', async () => {
    const { service, url } = await start((app) => app.get('/healthz', (_request, response) => void response.json({ ok: true })));
    try {
      const exchange = (bytes: string) =>
        new Promise<string>((resolve) => {
          const socket = connect(Number(new URL(url).port), '127.0.0.1');
          let text = '';
          socket.on('data', (piece: Buffer) => (text += piece.toString('utf8')));
          socket.on('close', () => resolve(text));
          socket.write(bytes);
        });
      const connectAnswer = await exchange('CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n');
      expect(connectAnswer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      expect(JSON.parse(connectAnswer.slice(connectAnswer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { type: 'invalid_request_error' } });
      const noHost = await exchange('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
      expect(noHost).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const expectation = await rawRequest(url, { method: 'GET', path: '/healthz', headers: { expect: 'bogus-expectation' } });
      expect(expectation.status).toBe(417);
      expect((expectation.json() as { error: { message: string } }).error.message).toContain('bogus-expectation');
    } finally {
      await service.drain(1_000);
    }
  });

  it('answers a client that is still writing a body it refused', async () => {
    const limits = { maxBytes: 8 * 1024 * 1024, maxDepth: 8, maxValues: 100 };
    const { service, url } = await start((app) => app.post('/', jsonBodyParser(limits), (_request, response) => void response.json({})));
    try {
      const { port } = new URL(url);
      /** Sends the first piece, waits until the server has surely refused the body, then sends the rest. */
      const sendSlowly = (headers: Record<string, string>, body: string) =>
        new Promise<number>((resolve, reject) => {
          const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
          outgoing.on('error', reject);
          outgoing.write(body.slice(0, 65_536));
          setTimeout(() => outgoing.end(body.slice(65_536)), 300);
        });
      const wide = `{"content": "${'x'.repeat(6 * 1024 * 1024)}"}`;
      expect(await sendSlowly({ 'content-type': 'application/json; charset=utf-16le' }, wide)).toBe(415); // refused before a byte is read
      expect(await sendSlowly({ 'content-type': 'application/json' }, `[${'['.repeat(6 * 1024 * 1024)}`)).toBe(400); // refused after the first piece
      expect((await rawRequest(url, { path: '/', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    } finally {
      await service.drain(1_000);
    }
  });

  it('reads the rest of a body it answered early only up to a limit, then closes the connection', async () => {
    const { service, url } = await start((app) => app.post('/', requireBearerToken({ tokens: ['right-token-of-16-chars'], describe: 'the token' }), (_request, response) => void response.json({})));
    try {
      const { port } = new URL(url);
      const outcome = await new Promise<{ status: number; written: number; closedEarly: boolean }>((resolve) => {
        let status = 0;
        let written = 0;
        const piece = Buffer.alloc(64 * 1024, 0x20);
        const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' }, agent: false }, (response) => {
          status = response.statusCode ?? 0;
          response.resume();
        });
        const finish = (closedEarly: boolean) => resolve({ status, written, closedEarly });
        outgoing.on('error', () => finish(true));
        const writeMore = () => {
          while (written < 64 * 1024 * 1024) {
            written += piece.length;
            if (!outgoing.write(piece)) return void outgoing.once('drain', writeMore);
          }
          finish(false);
        };
        writeMore();
      });
      expect(outcome.status).toBe(401);
      expect(outcome.closedEarly).toBe(true);
      expect(outcome.written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await service.drain(1_000);
    }
  });

  it('refuses a streamed body once it passes the limit, and answers within seconds of the client stalling', async () => {
    const { service, url } = await start((app) => app.post('/', jsonBodyParser({ maxBytes: 1024, maxDepth: 8, maxValues: 100 }), (_request, response) => void response.json({})));
    try {
      const { port } = new URL(url);
      const status = await new Promise<number>((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' }, agent: false }, (response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
        });
        outgoing.on('error', reject);
        outgoing.write(`{"content": "${'x'.repeat(4096)}`);
        // The rest of this body never comes: only the server's early answer can end the request.
      });
      expect(status).toBe(413);
    } finally {
      await service.drain(1_000);
    }
  });

  it('drains: in-flight requests finish, new connections are refused, and the wait is bounded', async () => {
    let release: () => void = () => undefined;
    const { service, url } = await start((app) =>
      app.get('/slow', (_request, response) => {
        release = () => void response.json({ finished: true });
      }),
    );
    const slow = rawRequest(url, { method: 'GET', path: '/slow' });
    while (service.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const draining = service.drain(10_000);
    await expect(rawRequest(url, { method: 'GET', path: '/slow' })).rejects.toThrow(/ECONNREFUSED/);
    release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.headers['connection']).toBe('close');
    expect(await draining).toEqual({ completed: true, abandoned: 0 });
  });

  it('gives up on requests still running at the deadline and says how many', async () => {
    const { service, url } = await start((app) => app.get('/never', () => undefined));
    const never = rawRequest(url, { method: 'GET', path: '/never' }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    while (service.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await service.drain(100)).toEqual({ completed: false, abandoned: 1 });
    expect(await never).toMatch(/socket hang up|ECONNRESET/);
  });
});

describe('requireBearerToken', () => {
  it('opens the route for any of its tokens and answers 401 otherwise', async () => {
    const { service, url } = await start((app) =>
      app.get('/secret', requireBearerToken({ tokens: ['internal-1', 'admin-2'], describe: 'the internal token' }), (_request, response) => void response.json({ ok: true })),
    );
    try {
      const get = (authorization?: string) => rawRequest(url, { method: 'GET', path: '/secret', headers: authorization ? { authorization } : {} });
      expect((await get('Bearer internal-1')).status).toBe(200);
      expect((await get('bearer admin-2')).status).toBe(200);
      for (const authorization of [undefined, 'Bearer internal-', 'Bearer internal-1x', 'Basic internal-1', 'Bearer', 'internal-1']) {
        const response = await get(authorization);
        expect([authorization, response.status]).toEqual([authorization, 401]);
        expect((response.json() as { error: { message: string } }).error.message).toContain('GET /secret needs the internal token');
      }
    } finally {
      await service.drain(1_000);
    }
  });

  it('refuses to be built without a token, so a route cannot be left open by mistake', () => {
    expect(() => requireBearerToken({ tokens: [], describe: 'the admin token' })).toThrow(/no token configured/);
  });
});
