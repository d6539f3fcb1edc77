import { InvalidRequestError } from '@routewise/errors';
import type { JsonStructureLimits } from './json-structure-limits';
import { formatJsonPath, type JsonPathSegment } from './json-path';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Key bytes kept for paths and the reserved-key check; a longer raw key cannot decode to a reserved name. */
const KEPT_KEY_BYTES = 1024;
/** indexOf costs a call per quote; after this many escaped quotes close together, a byte loop is cheaper. */
const DENSE_ESCAPES = 8;
const SHORT_JUMP_BYTES = 32;
/** Bytes that change the scanner's state outside strings; everything else (whitespace, numbers, literals) is skipped. */
const STRUCTURAL = new Uint8Array(256);
for (const byte of [QUOTE, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, COLON]) STRUCTURAL[byte] = 1;

interface Frame {
  isObject: boolean;
  /** The raw bytes of the member's key being read (objects), decoded only for an error message. */
  key: RawKey | null;
  /** The member's index (arrays). */
  index: number;
  expectingKey: boolean;
}

/** A key as the bytes between its quotes, without copying them. */
interface RawKey {
  source: Uint8Array;
  start: number;
  end: number;
}

/** `__proto__` and `prototype` are both 9 bytes long unescaped: only keys of that length or with escapes are decoded. */
const PROTO = Buffer.from('__proto__');
const PROTOTYPE = Buffer.from('prototype');
const CONSTRUCTOR = Buffer.from('constructor');

/**
 * Follows a JSON text as its bytes arrive, tracking only what bounds the cost of parsing it: nesting depth, the
 * number of values, and object keys (for paths and for the reserved `__proto__` / `constructor.prototype` keys, which
 * are refused as Fastify does). It is not a validator: JSON.parse checks the grammar afterwards, on a body already
 * known to be cheap to parse. Strings are skipped with indexOf, so a multi-megabyte string costs microseconds.
 * Written here rather than taken from npm: no maintained streaming parser refuses deep or wide input before parsing
 * it at native speed.
 */
export class JsonStructureScanner {
  private readonly frames: Frame[] = [];
  private values = 0;
  private inString = false;
  private stringIsKey = false;
  /** The previous piece ended inside a string on a backslash: the first byte of the next one is escaped. */
  private escapePending = false;
  private keyParts: Uint8Array[] = [];
  private keyLength = 0;
  /** A closing bracket that does not match: JSON.parse will report where, so scanning stops. */
  private malformed = false;

  constructor(private readonly limits: JsonStructureLimits) {}

  /** Scans the next piece of the body (which must not change afterwards: keys point into it). Throws an InvalidRequestError naming the field once a limit is passed. */
  write(piece: Uint8Array): void {
    const end = piece.length;
    let index = 0;
    while (index < end && !this.malformed) {
      if (this.inString) {
        index = this.skipString(piece, index);
        continue;
      }
      while (index < end && STRUCTURAL[piece[index]!] === 0) index++;
      if (index === end) break;
      switch (piece[index]) {
        case QUOTE:
          this.startString();
          index++;
          continue;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.open(piece[index] === OPEN_OBJECT);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.close(piece[index] === CLOSE_OBJECT);
          break;
        case COMMA:
          this.member();
          break;
        case COLON:
          if (this.top?.isObject) this.top.expectingKey = false;
          break;
        default:
          break;
      }
      index++;
    }
  }

  private get top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  private open(isObject: boolean): void {
    this.countValue();
    if (this.frames.length + 1 > this.limits.maxDepth) {
      const path = this.path();
      throw new InvalidRequestError(
        `${path ? `'${path}'` : 'The body'} is nested more than ${this.limits.maxDepth} levels deep; JSON bodies may nest objects and arrays at most ${this.limits.maxDepth} levels.`,
        path || null,
      );
    }
    this.frames.push({ isObject, key: null, index: 0, expectingKey: isObject });
  }

  private close(isObject: boolean): void {
    const frame = this.frames.pop();
    if (!frame || frame.isObject !== isObject) this.malformed = true;
  }

  private member(): void {
    const top = this.top;
    if (top?.isObject) {
      top.expectingKey = true;
      top.key = null;
    } else if (top) {
      top.index++;
    }
    this.countValue();
  }

  private countValue(): void {
    this.values++;
    if (this.values > this.limits.maxValues) {
      const path = this.path();
      throw new InvalidRequestError(
        `The body holds more than ${this.limits.maxValues.toLocaleString('en-US')} JSON values (objects, arrays and their members)${path ? `, at '${path}'` : ''}.`,
        path || null,
      );
    }
  }

  private startString(): void {
    this.inString = true;
    this.stringIsKey = this.top?.isObject === true && this.top.expectingKey;
    if (this.keyParts.length > 0) this.keyParts = [];
    this.keyLength = 0;
  }

  /** Skips string content from `start`; returns where scanning goes on (after the closing quote, or the piece's end). */
  private skipString(piece: Uint8Array, start: number): number {
    const end = piece.length;
    let index = start;
    if (this.escapePending) {
      this.escapePending = false;
      index++;
    }
    // Most strings (keys, roles, short values) end within a few bytes: a byte loop finds their end without a call.
    const shortEnd = Math.min(end, index + SHORT_JUMP_BYTES);
    while (index < shortEnd) {
      const byte = piece[index];
      if (byte === QUOTE) return this.endString(piece, start, index);
      index += byte === BACKSLASH ? 2 : 1;
    }
    if (index > end) {
      this.escapePending = true;
      this.keepKeyBytes(piece, start, end);
      return end;
    }
    let shortJumps = 0;
    while (index < end) {
      if (shortJumps >= DENSE_ESCAPES) return this.skipStringByteByByte(piece, start, index);
      const quote = piece.indexOf(QUOTE, index);
      if (quote === -1) {
        let backslashes = 0;
        for (let back = end - 1; back >= index && piece[back] === BACKSLASH; back--) backslashes++;
        this.escapePending = backslashes % 2 === 1;
        this.keepKeyBytes(piece, start, end);
        return end;
      }
      let backslashes = 0;
      for (let back = quote - 1; back >= index && piece[back] === BACKSLASH; back--) backslashes++;
      if (backslashes % 2 === 0) return this.endString(piece, start, quote);
      shortJumps = quote - index < SHORT_JUMP_BYTES ? shortJumps + 1 : 0;
      index = quote + 1;
    }
    this.keepKeyBytes(piece, start, end);
    return end;
  }

  private skipStringByteByByte(piece: Uint8Array, start: number, from: number): number {
    const end = piece.length;
    let index = from;
    while (index < end) {
      const byte = piece[index];
      if (byte === BACKSLASH) {
        if (index + 1 >= end) {
          this.escapePending = true;
          break;
        }
        index += 2;
      } else if (byte === QUOTE) {
        return this.endString(piece, start, index);
      } else {
        index++;
      }
    }
    this.keepKeyBytes(piece, start, end);
    return end;
  }

  private endString(piece: Uint8Array, start: number, quote: number): number {
    this.inString = false;
    if (this.stringIsKey) this.setKey(this.rawKey(piece, start, quote));
    return quote + 1;
  }

  private keepKeyBytes(piece: Uint8Array, start: number, end: number): void {
    if (!this.stringIsKey || this.keyLength >= KEPT_KEY_BYTES) return;
    const kept = piece.subarray(start, Math.min(end, start + KEPT_KEY_BYTES - this.keyLength));
    this.keyParts.push(kept);
    this.keyLength += kept.length;
  }

  /** The key just read: a view of the piece when it did not span pieces (the usual case), else its kept bytes. */
  private rawKey(piece: Uint8Array, start: number, quote: number): RawKey {
    if (this.keyParts.length === 0) return { source: piece, start, end: quote };
    this.keepKeyBytes(piece, start, quote);
    const joined = Buffer.concat(this.keyParts, this.keyLength);
    return { source: joined, start: 0, end: joined.length };
  }

  private setKey(key: RawKey): void {
    const top = this.top!;
    top.key = key;
    if (key.end - key.start !== PROTO.length && !hasBackslash(key)) return;
    const parent = this.frames[this.frames.length - 2];
    if (isKey(key, PROTO) || (isKey(key, PROTOTYPE) && parent?.isObject && parent.key !== null && isKey(parent.key, CONSTRUCTOR))) {
      const path = this.path();
      throw new InvalidRequestError(`'${path}' uses a reserved key: JSON bodies may not contain '__proto__' or 'constructor.prototype'.`, path);
    }
  }

  private path(): string {
    const segments: JsonPathSegment[] = this.frames.map((frame) => (frame.isObject ? (frame.key ? decodeKey(frame.key) : '?') : frame.index));
    return formatJsonPath(segments);
  }
}

function hasBackslash(key: RawKey): boolean {
  for (let index = key.start; index < key.end; index++) if (key.source[index] === BACKSLASH) return true;
  return false;
}

function isKey(key: RawKey, name: Buffer): boolean {
  return hasBackslash(key) ? decodeKey(key) === name.toString() : name.equals(key.source.subarray(key.start, key.end));
}

function decodeKey(key: RawKey): string {
  const length = Math.min(key.end - key.start, KEPT_KEY_BYTES);
  const raw = Buffer.from(key.source.buffer, key.source.byteOffset + key.start, length).toString('utf8');
  if (length >= KEPT_KEY_BYTES) return `${raw.slice(0, 64)}…`;
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // an invalid escape: JSON.parse of the whole body reports it
  }
}
