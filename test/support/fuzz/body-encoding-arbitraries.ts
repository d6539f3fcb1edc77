import { brotliCompressSync, constants as zlibConstants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describeJson, limitLength, renderJson, type JsonSpec } from './json-spec';

/** A request body as bytes, the headers that describe it (rightly or wrongly) and how it was made. */
export interface EncodedBody {
  bytes: Buffer;
  headers: [string, string][];
  description: string;
}

/** What the body says before charset and content encoding: JSON (maybe truncated), other text, raw bytes, nothing. */
export type BodyPayload =
  | { readonly kind: 'json'; readonly spec: JsonSpec; readonly truncateAt: number | null }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'empty' };

type Charset = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'latin1' | 'utf-8-with-invalid-bytes';

type Compression =
  | 'none'
  | 'gzip'
  | 'deflate'
  | 'deflate-raw'
  | 'br'
  | 'gzip-then-br'
  | 'gzip-twice'
  | 'truncated-gzip'
  | 'truncated-deflate'
  | 'truncated-br'
  | 'gzip-bomb'
  | 'deflate-bomb';

/** A Content-Encoding label and what was really done to the bytes: proper, mislabelled, truncated, unknown. */
interface ContentEncoding {
  label: string | null;
  compression: Compression;
}

const PROPER_ENCODINGS: readonly ContentEncoding[] = [
  { label: 'identity', compression: 'none' },
  { label: 'gzip', compression: 'gzip' },
  { label: 'x-gzip', compression: 'gzip' },
  { label: 'GZIP', compression: 'gzip' },
  { label: 'deflate', compression: 'deflate' },
  { label: 'br', compression: 'br' },
  { label: 'gzip, br', compression: 'gzip-then-br' },
  { label: 'gzip, gzip', compression: 'gzip-twice' },
  { label: 'identity, gzip', compression: 'gzip' },
];

const BROKEN_ENCODINGS: readonly ContentEncoding[] = [
  { label: 'gzip', compression: 'none' },
  { label: 'deflate', compression: 'none' },
  { label: 'br', compression: 'none' },
  { label: 'gzip', compression: 'br' },
  { label: 'deflate', compression: 'deflate-raw' },
  { label: 'gzip', compression: 'truncated-gzip' },
  { label: 'deflate', compression: 'truncated-deflate' },
  { label: 'br', compression: 'truncated-br' },
  { label: 'zstd', compression: 'none' },
  { label: 'compress', compression: 'none' },
  { label: 'x-unknown', compression: 'none' },
  { label: 'gzip;q=1', compression: 'gzip' },
  { label: '', compression: 'none' },
  { label: 'br, gzip', compression: 'gzip-then-br' },
];

const BOMB_ENCODINGS: readonly ContentEncoding[] = [
  { label: 'gzip', compression: 'gzip-bomb' },
  { label: 'deflate', compression: 'deflate-bomb' },
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset="UTF-8"',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/json; charset=iso-8859-1',
  'application/json; charset=garbage',
  'application/json; charset=',
  'application/vnd.api+json',
  'application/*',
  '*/*',
  '',
  ';;;',
  'application/json, text/plain',
];

const NON_JSON_TEXTS = [
  'hello',
  'model=auto&messages=hi',
  '<?xml version="1.0"?><chat/>',
  'null',
  '"just a string"',
  '42',
  '-0',
  '1e400',
  '[]',
  '[null]',
  'true',
  ' ',
  '\n',
  '{}',
  '{"a":1}{"b":2}',
  '{"a":1,}',
  "{'model':'auto'}",
  '{"model":"auto",}',
  '\ufeff{"model":"auto"}',
  '{"model":"auto","messages":[{"role":"user","content":"hi"}]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

/** Bodies stay under about this many characters of JSON, well within both services' body limits. */
export const MAX_JSON_LENGTH = 4_000_000;

export function bodyPayload(generated: fc.Arbitrary<JsonSpec>): fc.Arbitrary<BodyPayload> {
  const json = generated.map((spec) => limitLength(spec, MAX_JSON_LENGTH));
  return fc.oneof(
    { arbitrary: json.map((spec): BodyPayload => ({ kind: 'json', spec, truncateAt: null })), weight: 24 },
    {
      arbitrary: fc.tuple(json, fc.double({ min: 0, max: 1, noNaN: true })).map(([spec, truncateAt]): BodyPayload => ({ kind: 'json', spec, truncateAt })),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(...NON_JSON_TEXTS).map((text): BodyPayload => ({ kind: 'text', text })), weight: 3 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): BodyPayload => ({ kind: 'bytes', bytes })), weight: 1 },
    { arbitrary: fc.constant<BodyPayload>({ kind: 'empty' }), weight: 2 },
  );
}

export interface BodyEncodingChoice {
  charset: Charset;
  contentType: string | null;
  encoding: ContentEncoding;
}

/** Charset, Content-Type and Content-Encoding: ordinary most of the time, every odd combination now and then. */
export function bodyEncodingChoice(): fc.Arbitrary<BodyEncodingChoice> {
  return fc.record({
    charset: fc.oneof(
      { arbitrary: fc.constant<Charset>('utf-8'), weight: 12 },
      { arbitrary: fc.constantFrom<Charset>('utf-8-bom', 'utf-16le-bom', 'utf-16le', 'latin1', 'utf-8-with-invalid-bytes'), weight: 2 },
    ),
    contentType: fc.oneof(
      { arbitrary: fc.constant<string | null>('application/json'), weight: 10 },
      { arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES, null), weight: 3 },
    ),
    encoding: fc.oneof(
      { arbitrary: fc.constant<ContentEncoding>({ label: null, compression: 'none' }), weight: 14 },
      { arbitrary: fc.constantFrom(...PROPER_ENCODINGS), weight: 3 },
      { arbitrary: fc.constantFrom(...BROKEN_ENCODINGS), weight: 3 },
      { arbitrary: fc.constantFrom(...BOMB_ENCODINGS), weight: 1 },
    ),
  });
}

export function encodeBody(payload: BodyPayload, choice: BodyEncodingChoice): EncodedBody {
  const plain = payloadBytes(payload, choice.charset);
  const bytes = compress(plain, choice.encoding.compression);
  const headers: [string, string][] = [];
  if (choice.contentType !== null) headers.push(['content-type', choice.contentType]);
  if (choice.encoding.label !== null) headers.push(['content-encoding', choice.encoding.label]);
  const description = [
    describePayload(payload),
    choice.charset === 'utf-8' || payload.kind === 'bytes' || payload.kind === 'empty' ? null : `charset ${choice.charset}`,
    choice.encoding.compression === 'none' ? null : `compressed: ${choice.encoding.compression}`,
    `${bytes.length} bytes`,
  ]
    .filter((part) => part !== null)
    .join('; ');
  return { bytes, headers, description };
}

function payloadBytes(payload: BodyPayload, charset: Charset): Buffer {
  switch (payload.kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'bytes':
      return Buffer.from(payload.bytes);
    case 'text':
      return inCharset(payload.text, charset);
    case 'json': {
      const text = renderJson(payload.spec);
      return inCharset(payload.truncateAt === null ? text : text.slice(0, Math.floor(text.length * payload.truncateAt)), charset);
    }
  }
}

function inCharset(text: string, charset: Charset): Buffer {
  switch (charset) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf-8-with-invalid-bytes': {
      const utf8 = Buffer.from(text, 'utf8');
      const middle = Math.floor(utf8.length / 2);
      // A lone continuation byte, an overlong NUL and a byte that never occurs in UTF-8, mid-document.
      return Buffer.concat([utf8.subarray(0, middle), Buffer.from([0x80, 0xc0, 0x80, 0xff]), utf8.subarray(middle)]);
    }
  }
}

function compress(bytes: Buffer, compression: Compression): Buffer {
  switch (compression) {
    case 'none':
      return bytes;
    case 'gzip':
      return gzipSync(bytes);
    case 'deflate':
      return deflateSync(bytes);
    case 'deflate-raw':
      return deflateRawSync(bytes);
    case 'br':
      return brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
    case 'gzip-then-br':
      return compress(gzipSync(bytes), 'br');
    case 'gzip-twice':
      return gzipSync(gzipSync(bytes));
    case 'truncated-gzip':
      return halfOf(gzipSync(bytes));
    case 'truncated-deflate':
      return halfOf(deflateSync(bytes));
    case 'truncated-br':
      return halfOf(compress(bytes, 'br'));
    case 'gzip-bomb':
      return compressionBomb().gzip;
    case 'deflate-bomb':
      return compressionBomb().deflate;
  }
}

function halfOf(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
}

/** Size of the decompressed bomb: past both services' body limits (32 MiB router, 64 MiB feedback service). */
export const COMPRESSION_BOMB_BYTES = 80 * 1024 * 1024;
let bomb: { gzip: Buffer; deflate: Buffer } | null = null;

/** A chat request whose content is 80 MiB of one letter, compressed to about 80 KB; made once per process. */
function compressionBomb(): { gzip: Buffer; deflate: Buffer } {
  if (bomb === null) {
    const head = Buffer.from('{"model":"auto","messages":[{"role":"user","content":"');
    const tail = Buffer.from('"}]}');
    const plain = Buffer.concat([head, Buffer.alloc(COMPRESSION_BOMB_BYTES - head.length - tail.length, 'a'), tail]);
    bomb = { gzip: gzipSync(plain, { level: 9 }), deflate: deflateSync(plain, { level: 9 }) };
  }
  return bomb;
}

function describePayload(payload: BodyPayload): string {
  switch (payload.kind) {
    case 'empty':
      return 'empty';
    case 'bytes':
      return `raw bytes ${Buffer.from(payload.bytes).toString('hex').slice(0, 120)}`;
    case 'text':
      return `text ${JSON.stringify(payload.text)}`;
    case 'json':
      return payload.truncateAt === null ? `json ${describeJson(payload.spec)}` : `json cut at ${Math.round(payload.truncateAt * 100)}% of ${describeJson(payload.spec)}`;
  }
}
