import type { FuzzRequest } from './fuzz-request';
import type { Violation, ViolationKind } from './response-properties';
import type { FuzzResponse } from './send-fuzz-request';

export const SLOW_ANSWER_MS = 5_000;

/** Counts over a whole run: requests per endpoint, answers per status, violations per kind, the slowest answer. */
export class FuzzTally {
  cases = 0;
  readonly endpoints = new Map<string, number>();
  /** HTTP status, or `no answer`, `timeout`, `client hung up`. */
  readonly statuses = new Map<string, number>();
  /** The same, per endpoint. */
  readonly statusesByEndpoint = new Map<string, Map<string, number>>();
  readonly violations = new Map<ViolationKind, number>();
  /** Requests with at least one violation. */
  failedCases = 0;
  slowest: { durationMs: number; endpoint: string } = { durationMs: 0, endpoint: '' };
  /** Answers that took longer than SLOW_ANSWER_MS. */
  slowAnswers = 0;

  record(request: FuzzRequest, response: FuzzResponse, violations: readonly Violation[]): void {
    this.cases += 1;
    increment(this.endpoints, request.endpoint);
    increment(this.statuses, statusLabel(response));
    const byStatus = this.statusesByEndpoint.get(request.endpoint) ?? new Map<string, number>();
    increment(byStatus, statusLabel(response));
    this.statusesByEndpoint.set(request.endpoint, byStatus);
    for (const violation of violations) increment(this.violations, violation.kind);
    if (violations.length > 0) this.failedCases += 1;
    if (response.durationMs > SLOW_ANSWER_MS) this.slowAnswers += 1;
    if (response.durationMs > this.slowest.durationMs) this.slowest = { durationMs: response.durationMs, endpoint: request.endpoint };
  }

  count(kind: ViolationKind): number {
    return this.violations.get(kind) ?? 0;
  }

  /** 5xx answers, whatever else was wrong with them. */
  serverErrors(): number {
    return [...this.statuses].filter(([status]) => /^5\d\d$/.test(status)).reduce((sum, [, count]) => sum + count, 0);
  }
}

function statusLabel(response: FuzzResponse): string {
  if (response.outcome === 'hung-up') return 'client hung up';
  if (response.outcome === 'timeout') return 'timeout';
  return response.status === null ? 'no answer' : String(response.status);
}

function increment<Key>(map: Map<Key, number>, key: Key): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
