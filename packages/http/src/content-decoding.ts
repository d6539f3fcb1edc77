import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { UnsupportedMediaTypeError } from '@routewise/errors';

export interface DecodedBody {
  /** The body's bytes after decompression. */
  stream: Readable;
  /** The coding named by Content-Encoding, or null for a plain body. */
  encoding: string | null;
}

const DECOMPRESSORS: Readonly<Record<string, () => NodeJS.ReadWriteStream & Readable>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The request body as plain bytes: gzip, deflate and br are decompressed as they stream in (zlib works off the event
 * loop); any other coding is a 415, since a body we cannot read must not be guessed at.
 */
export function decodeContentEncoding(request: IncomingMessage): DecodedBody {
  const header = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (header === '' || header === 'identity') return { stream: request, encoding: null };
  const decompress = DECOMPRESSORS[header];
  if (!decompress) {
    const supported = 'gzip, deflate, br or identity';
    throw new UnsupportedMediaTypeError(
      header.includes(',')
        ? `Content-Encoding '${header}' applies several codings; Routewise reads one at a time (${supported}).`
        : `Content-Encoding '${header}' is not supported; send ${supported}.`,
    );
  }
  return { stream: request.pipe(decompress()), encoding: header };
}

/** Rejects charsets other than UTF-8 (and its ASCII subset): JSON on the wire is UTF-8 (RFC 8259). */
export function checkCharset(request: IncomingMessage): void {
  const contentType = request.headers['content-type'] ?? '';
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType)?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return;
  throw new UnsupportedMediaTypeError(`Charset '${charset}' is not supported: send the JSON body as UTF-8.`);
}
