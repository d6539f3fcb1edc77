import fc from 'fast-check';
import { oddString, PROTOTYPE_KEYS } from './odd-value-arbitraries';

/**
 * Node's client refuses paths with characters outside U+0021–U+00FF; everything else is percent-encoded as
 * UTF-8 bytes, the way a browser would send it.
 */
export function asRequestPath(text: string): string {
  return Array.from(text, (character) =>
    /^[\x21-\x7e]$/.test(character) ? character : Array.from(Buffer.from(character, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  ).join('');
}

const ODD_PATHS = [
  '/',
  '/v1',
  '/v1/',
  '/v1/chat/completions/',
  '//v1/chat/completions',
  '/V1/CHAT/COMPLETIONS',
  '/v1/chat//completions',
  '/v1/./chat/completions',
  '/v1/chat/completions;jsessionid=1',
  '/v1/chat/completions%00',
  '/v1/chat%2Fcompletions',
  '/v1/%2e%2e/healthz',
  '/../../etc/passwd',
  '/v1/models/gpt-4o',
  '/v1/models/%E0%A4%A',
  '/v1/%E0%A4%A',
  '/%',
  '/%zz',
  '/%00',
  '/%c0%ae%c0%ae/',
  '/%ff%fe',
  '/v1/embeddings',
  '/v1/messages',
  '/v1/completions',
  '/metrics',
  '/dashboard',
  '/favicon.ico',
  '/healthz/',
  '/HEALTHZ',
  '/v1/route/',
  '/v1/decisions/',
  '/v1/classifier',
  '/v1/classifier/active/',
  '/v1/classifier/%2e%2e',
  '/__proto__',
  '/constructor',
  '/v1/__proto__/toString',
  '/v1/hasOwnProperty',
  'http://127.0.0.1/healthz',
  'http://example.com/v1/models',
];

const ODD_QUERIES = [
  '',
  '?',
  '?a=%',
  '?a=%zz&b=%E0%A4%A',
  '?a[b][c]=1',
  '?__proto__[polluted]=1',
  '?constructor[prototype][polluted]=1',
  '?toString=1&hasOwnProperty=2',
  '?a=1&a=2&a=3',
  '?&&&==',
  '?verbose=true#fragment',
  '?%00=%00',
];

/** An odd query string: a fixed odd one, a generated key and value, or a long one. */
export function oddQuery(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ODD_QUERIES), weight: 4 },
    { arbitrary: fc.tuple(oddString(), oddString()).map(([key, value]) => `?${asRequestPath(key)}=${asRequestPath(value)}`), weight: 2 },
    { arbitrary: fc.integer({ min: 1_000, max: 8_000 }).map((length) => `?q=${'x'.repeat(length)}`), weight: 1 },
  );
}

/** Paths no route matches, or matches only by accident: variants of real ones, garbage encodings, long ones. */
export function oddPath(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom(...ODD_PATHS), weight: 6 },
        { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS).map((key) => `/v1/${key}`), weight: 1 },
        { arbitrary: oddString().map((text) => `/v1/${asRequestPath(text)}`), weight: 2 },
        { arbitrary: fc.integer({ min: 1_000, max: 8_000 }).map((length) => `/v1/${'a'.repeat(length)}`), weight: 1 },
        { arbitrary: fc.integer({ min: 100, max: 1_500 }).map((count) => `/v1/${'%E0%A4%A'.repeat(count)}`), weight: 1 },
        { arbitrary: fc.integer({ min: 100, max: 3_000 }).map((count) => `/${'a/'.repeat(count)}`), weight: 1 },
      ),
      fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: oddQuery(), weight: 1 }),
    )
    .map(([path, query]) => path + query);
}

/** Methods Node's parser knows; unknown ones (BREW) are sent as raw bytes elsewhere. */
export function anyKnownMethod(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'POST'), weight: 4 },
    { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'MKCOL', 'LOCK', 'REPORT', 'QUERY'), weight: 2 },
  );
}

/** Dates for `/v1/stats?from=&to=`: ordinary ones, impossible ones, the edges of JavaScript's Date, garbage. */
export function statsDate(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom('2026-11-01', '2026-11-27', '2026-12-31T23:59:59Z', '2025-01-01'), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '99999-01-01',
        '-271821-04-20',
        '-271821-04-19',
        '+275760-09-13',
        '+275760-09-14',
        '2026-13-45',
        '2026-02-30',
        '2026-00-00',
        '0000-00-00',
        '0000-01-01',
        '1970-01-01',
        '1969-12-31T23:59:59.999Z',
        '2026-11-27T25:61:61Z',
        '2026-11-27T00:00:00+99:99',
        '8640000000000000',
        '8640000000000001',
        '-8640000000000001',
        '1e999',
        'NaN',
        'now',
        'today',
        'Infinity',
        '',
        ' ',
        '%00',
        '%',
        '2026-11-27%00',
        'Mon, 30 Nov 2026 00:00:00 GMT',
        '12/31/2026',
        '2026-W48',
        ...PROTOTYPE_KEYS,
      ),
      weight: 4,
    },
    { arbitrary: oddString().map(asRequestPath), weight: 2 },
    { arbitrary: fc.integer({ min: 1_000, max: 6_000 }).map((length) => '9'.repeat(length)), weight: 1 },
  );
}

/** The query of a stats request: from and to, either, none, repeated, or in bracket form. */
export function statsQuery(): fc.Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.tuple(statsDate(), statsDate()).map(([from, to]) => `?from=${from}&to=${to}`), weight: 4 },
      { arbitrary: statsDate().map((from) => `?from=${from}`), weight: 2 },
      { arbitrary: statsDate().map((to) => `?to=${to}`), weight: 2 },
      { arbitrary: fc.constant(''), weight: 1 },
      { arbitrary: fc.tuple(statsDate(), statsDate()).map(([first, second]) => `?from=${first}&from=${second}`), weight: 1 },
      { arbitrary: statsDate().map((date) => `?from[gte]=${date}&to[]=${date}`), weight: 1 },
      { arbitrary: oddQuery(), weight: 1 },
    )
    .map(asRequestPath);
}
