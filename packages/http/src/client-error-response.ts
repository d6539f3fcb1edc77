import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { DISCARDED_BODY_IDLE_MS, DISCARDED_BODY_LIMIT_BYTES, discardRestOfBody } from './discard-rest-of-body';
import { RoutewiseError, toOpenAIErrorBody, type RoutewiseErrorCode } from '@routewise/errors';

/**
 * A `clientError` listener: requests Node's HTTP parser refuses (oversized headers, malformed request lines, a
 * request that took too long) get an OpenAI-style JSON error like every other client mistake, instead of Node's
 * default empty 400/431.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, message } = describeParserError(error.code);
  writeRawError(socket, status, status === 431 ? 'headers_too_large' : 'invalid_request', message);
}

/** A `connect` listener: neither service is a proxy, so CONNECT gets a JSON 405 instead of a silently closed socket. */
export function answerConnect(_request: IncomingMessage, socket: Duplex): void {
  writeRawError(socket, 405, 'invalid_request', 'CONNECT is not supported: Routewise is not a proxy.');
}

/** A `checkExpectation` listener: an `Expect` other than 100-continue gets a JSON 417 instead of Node's empty one. */
export function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const { body } = toOpenAIErrorBody(
    new RoutewiseError(`Expect: ${String(request.headers.expect).slice(0, 100)} cannot be met; only 100-continue is understood.`, { code: 'invalid_request', status: 417 }),
  );
  void discardRestOfBody(request, response).then(() => {
    response.writeHead(417, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

/**
 * Answers on the raw socket and closes it. Whatever the client is still sending (the body of a request whose headers
 * were too large) is read and thrown away until it ends, pauses or passes the discard limit: closing a socket with
 * unread bytes resets the connection, and a client still writing would lose the answer to the reset.
 */
function writeRawError(socket: Duplex, status: number, code: RoutewiseErrorCode, message: string): void {
  const { body } = toOpenAIErrorBody(new RoutewiseError(message, { code, status }));
  const json = JSON.stringify(body);
  const canDiscard = detachFailedParser(socket);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
  if (!canDiscard) return;
  let discarded = 0;
  const timer = setTimeout(() => socket.destroy(), DISCARDED_BODY_IDLE_MS);
  socket.on('data', (piece: Buffer) => {
    discarded += piece.length;
    if (discarded > DISCARDED_BODY_LIMIT_BYTES) socket.destroy();
    else timer.refresh();
  });
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
}

/**
 * After a parse error Node's HTTP parser still owns the socket's input (natively, through `socket.parser`), so the
 * rest of the request never reaches JavaScript and cannot be discarded. This takes the input back from the failed
 * parser, as Node itself does for upgrades. `socket.parser` is not public API: where it is missing the socket is just
 * closed after the answer, as Node does by default.
 */
function detachFailedParser(socket: Duplex): boolean {
  const parser = (socket as Duplex & { parser?: { unconsume?: () => void } | null }).parser;
  if (typeof parser?.unconsume !== 'function') return false;
  parser.unconsume();
  socket.removeAllListeners('data');
  return true;
}

function describeParserError(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, message: 'The request headers are too large (16 KB at most, all headers together).' };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request did not arrive in time.' };
  return { status: 400, message: `The request is not valid HTTP/1.1 (${code ?? 'parse error'}).` };
}
