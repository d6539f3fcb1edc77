import fc from 'fast-check';
import { oddString, PROTOTYPE_KEYS } from './odd-value-arbitraries';

export type HeaderList = [string, string][];

export interface ServiceTokens {
  internal: string;
  admin: string;
}

/**
 * Header values are bytes: Node's client refuses characters above U+00FF, so Unicode goes out as its UTF-8 bytes
 * (what a real client sends) and control characters, which Node also refuses, are dropped.
 */
export function asHeaderValue(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

function headerText(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: oddString().map(asHeaderValue), weight: 3 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
    { arbitrary: fc.integer({ min: 1_000, max: 12_000 }).map((length) => 'x'.repeat(length)), weight: 1 },
  );
}

/** Which bearer token a request carries: the right one for the endpoint, the other service token, or a wrong one. */
export type AuthorizationChoice = 'none' | 'internal' | 'admin' | 'wrong';

/** An Authorization header for a choice; `wrong` covers near misses and other schemes. */
export function authorizationHeader(tokens: ServiceTokens, allowed: readonly AuthorizationChoice[]): fc.Arbitrary<HeaderList> {
  const choices: fc.Arbitrary<HeaderList>[] = [];
  if (allowed.includes('none')) choices.push(fc.constant([]));
  if (allowed.includes('internal')) {
    choices.push(fc.constantFrom<HeaderList>([['authorization', `Bearer ${tokens.internal}`]], [['authorization', `bearer   ${tokens.internal}  `]]));
  }
  if (allowed.includes('admin')) choices.push(fc.constant<HeaderList>([['authorization', `Bearer ${tokens.admin}`]]));
  if (allowed.includes('wrong')) {
    choices.push(
      fc
        .oneof(
          fc.constantFrom(
            'Bearer wrong',
            `Bearer ${tokens.internal.slice(0, -1)}`,
            `Bearer ${tokens.internal}x`,
            `Bearer ${tokens.internal.toUpperCase()}`,
            `Basic ${Buffer.from(`admin:${tokens.admin}`).toString('base64')}`,
            `Token ${tokens.internal}`,
            'Bearer',
            'Bearer ',
            '',
            `${tokens.internal}`,
          ),
          headerText().map((text) => `Bearer ${text}`),
        )
        .map((value): HeaderList => [['authorization', value]]),
    );
  }
  return fc.oneof(...choices);
}

/** The router's request headers with ordinary and odd values: task, tier, latency, quality, caller keys. */
export function routingHeaders(taskLabels: readonly string[]): fc.Arbitrary<HeaderList> {
  const value = (ordinary: readonly string[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...ordinary), weight: 3 }, { arbitrary: fc.constantFrom('', ' ', ...ordinary.map((text) => text.toUpperCase())), weight: 1 }, { arbitrary: headerText(), weight: 2 });
  return fc
    .record(
      {
        'x-routewise-task': value(taskLabels),
        'x-routewise-user-tier': value(['free', 'pro', 'enterprise']),
        'x-routewise-latency': value(['low', 'normal']),
        'x-routewise-quality': value(['0', '0.5', '1', '-1', '2', 'NaN', '1e309', '-0']),
        'x-routewise-key-openai': value(['sk-fuzz-not-a-real-key']),
        'x-routewise-key-anthropic': value(['sk-ant-fuzz']),
        'x-routewise-conversation-id': value(['conv_1']),
      },
      { requiredKeys: [] },
    )
    .map((headers) => Object.entries(headers));
}

/** Headers any client might send, with odd values: accept, expect, connection, caching, cookies, forwarding. */
export function noiseHeaders(): fc.Arbitrary<HeaderList> {
  return fc
    .record(
      {
        accept: fc.constantFrom('application/json', 'text/event-stream', '*/*', 'application/xml', ''),
        'accept-encoding': fc.constantFrom('gzip, deflate, br', 'identity;q=0', 'zstd', '*;q=0', 'garbage;;'),
        'accept-charset': fc.constantFrom('utf-16', 'latin1', 'garbage'),
        expect: fc.constantFrom('100-continue', '100-continue', '100-CONTINUE', 'bogus-expectation'),
        connection: fc.constantFrom('keep-alive', 'close', 'upgrade', 'TE, close'),
        upgrade: fc.constantFrom('websocket', 'h2c', 'HTTP/2.0'),
        'if-none-match': fc.oneof(fc.constantFrom('*', '"x"', 'W/"1"', '""', '"20261127T000000Z-abc"'), headerText()),
        cookie: headerText(),
        'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', 'unknown, ::1', '999.999.999.999'), headerText()),
        range: fc.constantFrom('bytes=0-1', 'bytes=-1', 'garbage'),
        'x-request-id': headerText(),
      },
      { requiredKeys: [] },
    )
    .map((headers) => Object.entries(headers));
}

/** Tens to hundreds of small extra headers (within Node's 16 KB header limit). */
export function manyHeaders(): fc.Arbitrary<HeaderList> {
  return fc.integer({ min: 30, max: 700 }).map((count) => Array.from({ length: count }, (_, index): [string, string] => [`x-fuzz-${index}`, String(index)]));
}
