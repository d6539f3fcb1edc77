import { once } from 'node:events';
import type { Response } from 'express';

/** Starts an SSE response; `trailers` are announced so they can follow the body (e.g. the final cost). */
export function startEventStream(response: Response, trailers: readonly string[]): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  if (trailers.length > 0) response.setHeader('Trailer', trailers.join(', '));
  response.flushHeaders();
}

/** Writes one `data:` event, waiting when the client reads slower than the provider writes. */
export async function writeEvent(response: Response, data: unknown): Promise<void> {
  const line = `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
  if (!response.write(line) && !response.destroyed) await once(response, 'drain');
}
