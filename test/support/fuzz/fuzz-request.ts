export type ServiceName = 'router' | 'feedback';

/** One request the fuzz sends, with everything needed to send it again by hand. */
export interface FuzzRequest {
  service: ServiceName;
  /** Tally key: the service and what the request aims at, e.g. `router POST /v1/chat/completions`. */
  endpoint: string;
  method: string;
  path: string;
  /** In order, repeats allowed; Host is added by the sender. */
  headers: readonly (readonly [string, string])[];
  /** Null: no body and no Content-Length. */
  body: Buffer | null;
  /** How the body was made (long runs and deep nesting abbreviated). */
  bodyDescription: string;
  /** With Content-Length, or in three pieces with Transfer-Encoding: chunked. */
  framing: 'content-length' | 'chunked';
  /** Bytes written to a socket as they are, for requests Node's own HTTP parser rejects; null otherwise. */
  raw: Buffer | null;
  /** The client hangs up on purpose and expects no answer: halfway through its body, or after the first byte of the answer. */
  hangUp: 'no' | 'mid-body' | 'after-first-byte';
}

const LONG_VALUE = 160;

/** The request as text a person can replay: request line, headers (long values cut), body description. */
export function describeFuzzRequest(request: FuzzRequest): string {
  if (request.raw !== null) {
    return [`${request.endpoint}`, `  raw bytes (${request.raw.length}): ${JSON.stringify(cut(request.raw.toString('latin1'), 600))}`].join('\n');
  }
  const lines = [`${request.endpoint}`, `  ${request.method} ${cut(request.path, 300)} HTTP/1.1`];
  for (const [name, value] of request.headers) lines.push(`  ${name}: ${cut(value, LONG_VALUE)}`);
  if (request.body !== null) {
    lines.push(`  (${request.framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${request.body.length}`})`);
    lines.push(`  body: ${request.bodyDescription}`);
  }
  if (request.hangUp !== 'no') lines.push(`  the client hangs up ${request.hangUp === 'mid-body' ? 'halfway through the body' : 'after the first byte of the answer'}`);
  return lines.join('\n');
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…(${text.length} chars)` : text;
}
