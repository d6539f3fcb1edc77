import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { RoutewiseError, toOpenAIErrorBody } from '@routewise/errors';

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
  const { body } = toOpenAIErrorBody(new RoutewiseError(message, { code: status === 431 ? 'headers_too_large' : 'invalid_request', status }));
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

function describeParserError(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, message: 'The request headers are too large (16 KB at most, all headers together).' };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request did not arrive in time.' };
  return { status: 400, message: `The request is not valid HTTP/1.1 (${code ?? 'parse error'}).` };
}
