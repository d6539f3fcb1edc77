import type { IncomingMessage, ServerResponse } from 'node:http';

/** Most bytes of a refused body read and thrown away before answering; past this the connection is closed instead. */
export const DISCARDED_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
/** Longest pause in the rest of a refused body before the answer goes out anyway (a stalled client is not waited for). */
export const DISCARDED_BODY_IDLE_MS = 5_000;

export interface DiscardLimits {
  limitBytes?: number;
  idleMs?: number;
}

/**
 * Reads the rest of a body the server has refused and throws it away, then resolves: true when the body ended, false
 * when it passed the limit or paused for longer than `idleMs` (the answer then closes the connection). Node closes the connection after
 * answering a request whose body is still arriving, so a client that writes its whole body before it reads the answer
 * (most do) would otherwise see a broken pipe instead of the 401, 413 or 415 meant for it.
 */
export function discardRestOfBody(request: IncomingMessage, response: ServerResponse, limits: DiscardLimits = {}): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  const limitBytes = limits.limitBytes ?? DISCARDED_BODY_LIMIT_BYTES;
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      if (!ended) response.setHeader('connection', 'close');
      resolve(ended);
    };
    const idleMs = limits.idleMs ?? DISCARDED_BODY_IDLE_MS;
    const onData = (piece: Buffer) => {
      discarded += piece.length;
      if (discarded > limitBytes) finish(false);
      else timer.refresh();
    };
    const onEnd = () => finish(true);
    const timer = setTimeout(() => finish(false), idleMs);
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('close', () => finish(request.complete));
    request.resume();
  });
}
