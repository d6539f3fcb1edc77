import type { IncomingMessage } from 'node:http';

/**
 * Most bytes of a refused body read and thrown away so the connection can answer cleanly; past this the socket is
 * closed, so nobody can make the server read without end.
 */
export const DISCARDED_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

const discarding = new WeakSet<IncomingMessage>();

/**
 * Reads the rest of a body the server has refused and throws it away. A client that is still writing it then gets
 * the answer (and may keep the connection) instead of a broken pipe: answering and closing at once makes such clients
 * fail on their next write before they read the answer.
 */
export function discardRestOfBody(request: IncomingMessage, limitBytes = DISCARDED_BODY_LIMIT_BYTES): void {
  if (request.complete || discarding.has(request)) return;
  discarding.add(request);
  let discarded = 0;
  request.on('data', (piece: Buffer) => {
    discarded += piece.length;
    if (discarded > limitBytes) request.socket.destroy();
  });
  request.resume();
}
