import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './fuzz-request';

/** What came back for one request. */
export interface FuzzResponse {
  /** `response`: a status line arrived; `no-response`: the connection ended without one; `hung-up`: we left on purpose. */
  outcome: 'response' | 'no-response' | 'timeout' | 'hung-up';
  status: number | null;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The connection broke after the head arrived, before the body was complete. */
  cutShort: boolean;
  /** The socket error, when there was one. */
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  port: number;
  timeoutMs: number;
}

export function sendFuzzRequest(request: FuzzRequest, options: SendOptions): Promise<FuzzResponse> {
  return request.raw !== null ? sendRawBytes(request.raw, options) : sendWithNodeHttp(request, options);
}

/** node:http with the headers exactly as listed (the array form keeps order and repeats), no agent, no retries. */
function sendWithNodeHttp(fuzz: FuzzRequest, options: SendOptions): Promise<FuzzResponse> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const headers: string[] = ['host', `127.0.0.1:${options.port}`];
    for (const [name, value] of fuzz.headers) headers.push(name, value);
    // Without an agent Node would send `Connection: close`; real clients keep connections alive, so say that
    // unless the request chose its own Connection header.
    if (!fuzz.headers.some(([name]) => name.toLowerCase() === 'connection')) headers.push('connection', 'keep-alive');
    if (fuzz.body !== null) headers.push(...(fuzz.framing === 'chunked' ? ['transfer-encoding', 'chunked'] : ['content-length', String(fuzz.body.length)]));

    let settled = false;
    let status: number | null = null;
    let responseHeaders: IncomingHttpHeaders = {};
    const parts: Buffer[] = [];
    const finish = (outcome: FuzzResponse['outcome'], error: string | null, cutShort = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ outcome, status, headers: responseHeaders, body: Buffer.concat(parts), cutShort, error, durationMs: performance.now() - startedAt });
    };

    const client = httpRequest({ host: '127.0.0.1', port: options.port, method: fuzz.method, path: fuzz.path, headers, agent: false });
    const timer = setTimeout(() => {
      finish(status === null ? 'timeout' : 'response', `no complete answer within ${options.timeoutMs} ms`, status !== null);
      client.destroy();
    }, options.timeoutMs);

    client.on('response', (response) => {
      status = response.statusCode ?? null;
      responseHeaders = response.headers;
      response.on('data', (chunk: Buffer) => {
        parts.push(chunk);
        if (fuzz.hangUp === 'after-first-byte') {
          finish('hung-up', null);
          client.destroy();
        }
      });
      response.on('end', () => {
        finish('response', null);
        client.destroy();
      });
      response.on('error', (error) => finish('response', error.message, true));
      response.on('aborted', () => finish('response', 'aborted', true));
    });
    client.on('error', (error) => {
      const message = client.writableFinished ? error.message : `${error.message} while the client was still sending its request`;
      if (status !== null) finish('response', message, true);
      else finish(fuzz.hangUp === 'mid-body' ? 'hung-up' : 'no-response', message);
    });
    client.on('close', () => {
      if (status === null) finish(fuzz.hangUp === 'mid-body' ? 'hung-up' : 'no-response', 'the connection closed without an answer');
    });

    const body = fuzz.body ?? Buffer.alloc(0);
    if (fuzz.hangUp === 'mid-body') {
      client.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => {
        finish('hung-up', null);
        client.destroy();
      }, 20);
      return;
    }
    if (fuzz.body === null) {
      client.end();
    } else if (fuzz.framing === 'chunked') {
      const third = Math.ceil(body.length / 3);
      client.write(body.subarray(0, third));
      client.write(body.subarray(third, 2 * third));
      client.end(body.subarray(2 * third));
    } else {
      client.end(body);
    }
  });
}

/**
 * Raw bytes on a socket: Node's client would refuse to send these. The answer is parsed by hand and kept even
 * when the server resets the connection right after writing it (it does for an oversized head).
 */
function sendRawBytes(bytes: Buffer, options: SendOptions): Promise<FuzzResponse> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port: options.port });
    const finish = (socketError: string | null, timedOut = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const received = Buffer.concat(parts);
      const parsed = parseRawResponse(received);
      if (parsed === null) {
        resolve({ outcome: timedOut ? 'timeout' : 'no-response', status: null, headers: {}, body: received, cutShort: false, error: socketError ?? (received.length > 0 ? 'unparseable answer' : 'closed without an answer'), durationMs: performance.now() - startedAt });
        return;
      }
      // A body without Content-Length or chunking ends where the connection does.
      const complete = parsed.complete || (parsed.closeDelimited && !timedOut);
      resolve({ outcome: 'response', status: parsed.status, headers: parsed.headers, body: parsed.body, cutShort: !complete, error: socketError, durationMs: performance.now() - startedAt });
    };
    const timer = setTimeout(() => finish(`no complete answer within ${options.timeoutMs} ms`, true), options.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      if (parseRawResponse(Buffer.concat(parts))?.complete) finish(null);
    });
    socket.on('error', (error) => finish(error.message));
    socket.on('close', () => finish(null));
    socket.write(bytes);
  });
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  complete: boolean;
  /** Neither Content-Length nor chunked: the body runs until the server closes. */
  closeDelimited: boolean;
}

/** The first HTTP/1.x response in `bytes` (1xx interim responses skipped); null until its head is there. */
export function parseRawResponse(bytes: Buffer): RawResponse | null {
  let offset = 0;
  for (;;) {
    const headEnd = bytes.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) return null;
    const [statusLine = '', ...headerLines] = bytes.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const match = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine);
    if (!match) return null;
    const status = Number(match[1]);
    const headers: IncomingHttpHeaders = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const rest = bytes.subarray(headEnd + 4);
    if (status >= 100 && status < 200) {
      offset = headEnd + 4;
      continue;
    }
    const length = headers['content-length'];
    if (typeof length === 'string') {
      const expected = Number(length);
      return { status, headers, body: rest.subarray(0, expected), complete: rest.length >= expected, closeDelimited: false };
    }
    if (String(headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) return { status, headers, ...dechunk(rest), closeDelimited: false };
    return { status, headers, body: rest, complete: false, closeDelimited: true };
  }
}

function dechunk(bytes: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false };
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false };
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
