import { once } from 'node:events';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError, answerConnect, answerUnmetExpectation } from './client-error-response';

export interface DrainResult {
  /** Every in-flight request finished before the deadline. */
  completed: boolean;
  /** Requests still running at the deadline; their connections were closed. */
  abandoned: number;
}

export interface HttpService {
  server: Server;
  /** Binds the port (0 picks a free one) and resolves to the port bound. */
  listen(port: number, host: string): Promise<number>;
  inFlight(): number;
  /**
   * Graceful stop: no new connections, `Connection: close` on every answer from now on, idle keep-alive connections
   * closed, and in-flight requests (streams included) given until `timeoutMs` to finish.
   */
  drain(timeoutMs: number): Promise<DrainResult>;
}

/**
 * The HTTP server both services run on: Node's server with a JSON answer for every request it would otherwise refuse
 * with an empty body or a closed socket (431 for oversized headers, 400 for a malformed request, 405 for CONNECT, 417
 * for an unknown Expect), keep-alive longer than common load balancers' idle timeout, and a count of in-flight requests
 * so a shutdown can wait for them.
 */
export function createHttpService(handler: RequestListener): HttpService {
  const active = new Set<ServerResponse>();
  const onIdle: (() => void)[] = [];
  let draining = false;
  // Neither service reads Host, so an HTTP/1.1 request without one is served rather than refused with an empty 400.
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    active.add(response);
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      active.delete(response);
      if (active.size === 0) for (const resolve of onIdle.splice(0)) resolve();
    });
    handler(request, response);
  });
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  server.on('checkExpectation', answerUnmetExpectation);

  return {
    server,
    listen: async (port, host) => {
      server.listen(port, host);
      await once(server, 'listening');
      return (server.address() as AddressInfo).port;
    },
    inFlight: () => active.size,
    drain: async (timeoutMs) => {
      draining = true;
      for (const response of active) if (!response.headersSent) response.setHeader('connection', 'close');
      server.close();
      server.closeIdleConnections();
      if (active.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => onIdle.push(resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
        ]);
        clearTimeout(timer);
      }
      const abandoned = active.size;
      server.closeAllConnections();
      return { completed: abandoned === 0, abandoned };
    },
  };
}
