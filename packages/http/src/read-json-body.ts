import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { InvalidContentEncodingError, InvalidJsonError, RequestTooLargeError, RoutewiseError } from '@routewise/errors';
import { checkCharset, decodeContentEncoding } from './content-decoding';
import type { JsonBodyLimits } from './json-body-limits';
import { JsonStructureScanner } from '@routewise/json-limits';

/**
 * Reads a JSON request body within the limits: decompressed as it streams in, scanned piece by piece (so the event
 * loop is free between pieces and a body past a limit is refused before the rest arrives), then parsed once it is
 * known to be cheap to parse. Resolves to undefined for an empty body.
 */
export async function readJsonBody(request: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  checkCharset(request);
  if (Number(request.headers['content-length']) > limits.maxBytes) throw new RequestTooLargeError(limits.maxBytes);
  const { stream, encoding } = decodeContentEncoding(request);
  const bytes = await collectScanned(request, stream, encoding, limits);
  const text = bytes.toString('utf8');
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') return undefined;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new InvalidJsonError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function collectScanned(request: IncomingMessage, stream: Readable, encoding: string | null, limits: JsonBodyLimits): Promise<Buffer> {
  const scanner = new JsonStructureScanner(limits);
  return new Promise<Buffer>((resolve, reject) => {
    const pieces: Buffer[] = [];
    let length = 0;
    let settled = false;

    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      if (error === null) return resolve(Buffer.concat(pieces, length));
      if (stream !== request) {
        request.unpipe();
        stream.destroy();
      }
      reject(error);
    };
    const onData = (piece: Buffer) => {
      length += piece.length;
      if (length > limits.maxBytes) return settle(new RequestTooLargeError(limits.maxBytes));
      try {
        scanner.write(piece);
      } catch (error) {
        return settle(error as Error);
      }
      pieces.push(piece);
    };
    const onEnd = () => settle(null);
    const abortedError = () => new RoutewiseError('The client closed the connection before the whole body arrived.', { code: 'invalid_request', status: 400 });
    const aborted = () => settle(abortedError());

    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', (error: Error) => settle(encoding && stream !== request ? new InvalidContentEncodingError(encoding, error.message) : abortedError()));
    if (stream !== request) request.on('error', aborted);
    request.on('close', () => {
      if (!request.complete) aborted();
    });
  });
}
