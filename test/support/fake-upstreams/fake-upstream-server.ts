import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { startFakeHttpServer } from './fake-http-server';
import {
  applyFakeUpstreamOptions,
  DEFAULT_FAKE_BEHAVIOR,
  type FakeUpstreamBehavior,
  type FakeUpstreamOptions,
} from './fake-upstream-behavior';
import type { RecordedRequest } from './recorded-request';

/** What both fake providers share: recorded requests, behavior that tests change between calls, a clean close. */
export interface FakeUpstream {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Every request received since the start or the last `reset()`, oldest first. */
  readonly requests: readonly RecordedRequest[];
  readonly behavior: FakeUpstreamBehavior;
  /** Changes the behavior for the following requests; unnamed fields keep their current value. */
  configure(options: FakeUpstreamOptions): void;
  /** Back to the options the server started with; forgets recorded requests. */
  reset(): void;
  /** The most recent request; throws when there is none. */
  lastRequest(): RecordedRequest;
  /** Closes the server, destroying open (hung, streaming) connections. */
  close(): Promise<void>;
}

export type FakeProviderHandler = (behavior: FakeUpstreamBehavior, request: RecordedRequest, response: ServerResponse) => Promise<void>;

/** Starts a fake upstream; generic faults (hang, latency, raw response) are applied before the provider handler. */
export async function startFakeUpstream(options: FakeUpstreamOptions, handle: FakeProviderHandler): Promise<FakeUpstream> {
  const initial = applyFakeUpstreamOptions(DEFAULT_FAKE_BEHAVIOR, options);
  let behavior = initial;
  const server = await startFakeHttpServer(async (request, response) => {
    const current = behavior;
    if (current.fault?.kind === 'hang') return;
    if (current.latencyMs > 0) await delay(current.latencyMs);
    if (response.destroyed) return;
    if (current.fault?.kind === 'raw-response') {
      response.writeHead(current.fault.status, { 'content-type': current.fault.contentType }).end(current.fault.body);
      return;
    }
    await handle(current, request, response);
  });
  return {
    origin: server.origin,
    get requests() {
      return server.requests;
    },
    get behavior() {
      return behavior;
    },
    configure(next) {
      behavior = applyFakeUpstreamOptions(behavior, next);
    },
    reset() {
      behavior = initial;
      server.requests.length = 0;
    },
    lastRequest() {
      const last = server.requests.at(-1);
      if (last === undefined) throw new Error('The fake upstream has received no request.');
      return last;
    },
    close: () => server.close(),
  };
}
