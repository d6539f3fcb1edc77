import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

const KEEP_ALIVE = { keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 512 };
const httpAgent = new http.Agent(KEEP_ALIVE);
const httpsAgent = new https.Agent(KEEP_ALIVE);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the provider SDKs over node:http with pooled keep-alive connections. Node's built-in fetch costs
 * more per call than the whole routing pipeline (WHATWG streams for the request body, a cloned request, a teed
 * body); on the router's hot path that was the largest share of CPU. Answers are buffered, except event streams,
 * which are passed on as they arrive. Bodies other than strings and bytes go to the built-in fetch.
 */
export const nodeHttpFetch: typeof fetch = async (input, init = {}) => {
  const body = init.body;
  if (input instanceof Request || !(body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array)) {
    return fetch(input, init);
  }
  const url = new URL(String(input));
  const transport = url.protocol === 'https:' ? https : http;
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  return new Promise<Response>((resolve, reject) => {
    const request = transport.request(
      url,
      { method: init.method ?? 'GET', headers, agent: url.protocol === 'https:' ? httpsAgent : httpAgent, signal: init.signal ?? undefined },
      (response) => {
        const status = response.statusCode ?? 502;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
          else if (value !== undefined) responseHeaders.set(name, value);
        }
        const options = { status, statusText: response.statusMessage ?? '', headers: responseHeaders };
        if (NULL_BODY_STATUSES.has(status)) {
          response.resume();
          resolve(new Response(null, options));
        } else if ((response.headers['content-type'] ?? '').includes('text/event-stream')) {
          resolve(new Response(Readable.toWeb(response) as ReadableStream<Uint8Array>, options));
        } else {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(new Response(Buffer.concat(chunks), options)));
          response.on('error', (error) => reject(fetchFailed(error)));
        }
      },
    );
    request.on('error', (error) => reject(fetchFailed(error)));
    request.end(body ?? undefined);
  });
};

/** Network errors look as they do from Node's fetch: a TypeError whose `cause` carries the code (ECONNREFUSED...). */
function fetchFailed(error: Error): Error {
  return error.name === 'AbortError' ? error : new TypeError('fetch failed', { cause: error });
}
