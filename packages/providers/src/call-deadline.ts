/**
 * The time limit of one upstream call, combined with the caller's own abort signal. Pass `signal` to the SDK;
 * `restart()` on every stream event turns the limit into an idle limit for streams (no event for `timeoutMs`).
 * The SDKs' own `timeout` only covers the wait for response headers; this also covers the body.
 */
export class CallDeadline {
  readonly signal: AbortSignal;
  private readonly timeoutController = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;

  constructor(
    readonly timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.signal = callerSignal === undefined ? this.timeoutController.signal : AbortSignal.any([callerSignal, this.timeoutController.signal]);
    this.restart();
  }

  /** True once the limit passed before the call finished. */
  get timedOut(): boolean {
    return this.expired;
  }

  /** True when the caller gave up (client disconnected, cascade moved on), not the clock. */
  get cancelledByCaller(): boolean {
    return this.callerSignal?.aborted === true && !this.expired;
  }

  restart(): void {
    clearTimeout(this.timer);
    if (this.expired) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.timeoutController.abort(new Error(`No answer within ${this.timeoutMs} ms.`));
    }, this.timeoutMs);
  }

  /** Stops the clock while the consumer handles a chunk: a slow reader downstream is not a slow provider. */
  pause(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
