import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export interface EventStreamOptions {
  headers: OutgoingHttpHeaders;
  chunkDelayMs: number;
  /** Stop after this many events: destroy the socket, or end the body normally when `cleanly`. */
  truncateAfterEvents?: number;
  truncateCleanly?: boolean;
}

/** Writes formatted server-sent events (each ending with a blank line), one by one, as providers do. */
export async function writeEventStream(response: ServerResponse, events: readonly string[], options: EventStreamOptions): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...options.headers });
  response.flushHeaders();
  for (const [index, event] of events.entries()) {
    if (options.truncateAfterEvents !== undefined && index >= options.truncateAfterEvents) {
      if (options.truncateCleanly === true) response.end();
      else response.socket?.destroy();
      return;
    }
    if (options.chunkDelayMs > 0) await delay(options.chunkDelayMs);
    if (response.destroyed) return;
    // Wait until the event is handed to the socket, so a truncation right after it still delivers it.
    await new Promise<void>((resolve) => response.write(event, () => resolve()));
  }
  response.end();
}

/** Sends a JSON body (already a string, or any value to serialize). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
}
