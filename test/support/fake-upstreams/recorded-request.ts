import type { IncomingHttpHeaders } from 'node:http';

/** One request a fake upstream received, as it arrived. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when there was none. */
  body: unknown;
  rawBody: string;
}
