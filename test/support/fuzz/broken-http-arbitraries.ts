import fc from 'fast-check';
import type { FuzzRequest, ServiceName } from './fuzz-request';

/** A request as raw bytes that Node's HTTP parser (or server) refuses before any route sees it. */
interface BrokenRequest {
  kind: string;
  text: string;
}

const SMALL_CHAT = '{"model":"auto","messages":[{"role":"user","content":"hi"}]}';

function post(path: string, extraHeaders: string, body = SMALL_CHAT): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extraHeaders}Connection: close\r\n\r\n${body}`;
}

const FIXED: readonly BrokenRequest[] = [
  { kind: 'unknown method', text: 'BREW /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'lower-case method', text: 'get /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'CONNECT without a handler', text: 'CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n' },
  { kind: 'unknown HTTP version', text: 'GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'request line without version', text: 'GET /healthz\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'request line with extra words', text: 'GET /healthz HTTP/1.1 please\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'binary garbage', text: '\u0000\u0001\u0002\u0003\u00ff\u00fe\r\n\r\n' },
  { kind: 'TLS hello on a plain port', text: '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003' + 'x'.repeat(40) + '\r\n\r\n' },
  { kind: 'HTTP/1.1 without Host', text: 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n' },
  { kind: 'header name with a space', text: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nConnection: close\r\n\r\n' },
  { kind: 'header without a colon', text: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\nConnection: close\r\n\r\n' },
  { kind: 'control character in a header value', text: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\u0001b\u0000c\r\nConnection: close\r\n\r\n' },
  { kind: 'obsolete folded header', text: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: first\r\n  folded\r\nConnection: close\r\n\r\n' },
  { kind: 'bare LF line endings', text: 'GET /healthz HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n' },
  { kind: 'raw UTF-8 bytes in the path', text: 'GET /v1/caf\u00c3\u00a9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'space in the path', text: 'GET /v1/my models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' },
  { kind: 'two different Content-Lengths', text: post('/v1/chat/completions', `Content-Length: ${SMALL_CHAT.length}\r\nContent-Length: 3\r\n`) },
  { kind: 'Content-Length and chunked', text: post('/v1/chat/completions', `Content-Length: ${SMALL_CHAT.length}\r\nTransfer-Encoding: chunked\r\n`, `${SMALL_CHAT.length.toString(16)}\r\n${SMALL_CHAT}\r\n0\r\n\r\n`) },
  { kind: 'negative Content-Length', text: post('/v1/chat/completions', 'Content-Length: -1\r\n') },
  { kind: 'Content-Length with an exponent', text: post('/v1/chat/completions', 'Content-Length: 6e1\r\n') },
  { kind: 'Content-Length past 2^64', text: post('/v1/chat/completions', 'Content-Length: 99999999999999999999999\r\n') },
  { kind: 'unknown Transfer-Encoding', text: post('/v1/chat/completions', 'Transfer-Encoding: gzip\r\n') },
  { kind: 'chunked then gzip Transfer-Encoding', text: post('/v1/chat/completions', 'Transfer-Encoding: chunked, gzip\r\n') },
  { kind: 'chunk size that is not hex', text: post('/v1/chat/completions', 'Transfer-Encoding: chunked\r\n', `zz\r\n${SMALL_CHAT}\r\n0\r\n\r\n`) },
  { kind: 'chunk longer than its size', text: post('/v1/chat/completions', 'Transfer-Encoding: chunked\r\n', `2\r\n${SMALL_CHAT}\r\n0\r\n\r\n`) },
  { kind: 'chunk size overflow', text: post('/v1/chat/completions', 'Transfer-Encoding: chunked\r\n', `fffffffffffffffffffff\r\n${SMALL_CHAT}\r\n0\r\n\r\n`) },
  { kind: 'unsupported Expect', text: post('/v1/chat/completions', `Expect: bogus-expectation\r\nContent-Length: ${SMALL_CHAT.length}\r\n`) },
];

/** A header (or a URL) past Node's 16 KB limit for the request head. */
function oversized(): fc.Arbitrary<BrokenRequest> {
  return fc.tuple(fc.integer({ min: 16_500, max: 40_000 }), fc.constantFrom('header', 'url', 'post')).map(([length, where]): BrokenRequest => {
    const filler = 'a'.repeat(length);
    if (where === 'url') return { kind: 'oversized URL', text: `GET /v1/models?q=${filler} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n` };
    if (where === 'post') return { kind: 'oversized header on a chat request', text: post('/v1/chat/completions', `X-Big: ${filler}\r\nContent-Length: ${SMALL_CHAT.length}\r\n`) };
    return { kind: 'oversized header', text: `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${filler}\r\nConnection: close\r\n\r\n` };
  });
}

/** Requests Node rejects itself, for either service. They must still be answered with a JSON 4xx. */
export function brokenHttpRequest(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom<ServiceName>('router', 'feedback'), fc.oneof({ arbitrary: fc.constantFrom(...FIXED), weight: 3 }, { arbitrary: oversized(), weight: 1 }))
    .map(([service, broken]): FuzzRequest => ({
      service,
      endpoint: `${service} raw: ${broken.kind}`,
      method: broken.text.split(' ', 1)[0] ?? '',
      path: '',
      headers: [],
      body: null,
      bodyDescription: '',
      framing: 'content-length',
      // The same body goes to an endpoint that reads one on each service.
      raw: Buffer.from(service === 'router' ? broken.text : broken.text.replace('POST /v1/chat/completions ', 'POST /v1/decisions '), 'latin1'),
      hangUp: 'no',
    }));
}
