import type { FuzzRequest, ServiceName } from './fuzz-request';
import type { Violation, ViolationKind } from './response-properties';
import type { FuzzResponse } from './send-fuzz-request';

/** One failing request as observed: what was sent, what came back, what the services logged meanwhile. */
export interface ObservedFailure {
  request: FuzzRequest;
  response: FuzzResponse;
  violation: Violation;
  /** Error lines both services logged while the request ran. */
  serverErrors: string[];
}

/** Failures that look like the same bug: same service, kind, status and (normalized) error message. */
export interface FailureClass {
  signature: string;
  service: ServiceName;
  kind: ViolationKind;
  count: number;
  /** How many failures of this class each endpoint produced. */
  endpoints: Map<string, number>;
  /** The fast-check run index of the first one, to replay and shrink it (`path`). */
  firstRunIndex: number;
  first: ObservedFailure;
  /** The smallest request fast-check shrank it to; null when not shrunk (or the failure did not reproduce). */
  minimal: ObservedFailure | null;
  shrinkNote: string | null;
}

/** The signature that groups a failure with others of the same cause. */
export function failureSignature(request: FuzzRequest, response: FuzzResponse, violation: Violation, serverErrors: readonly string[]): string {
  const status = response.status ?? '-';
  const cause =
    violation.kind === 'crash' ? `${violation.detail}: ${serverErrors[0] ?? ''}` : violation.kind === 'server-error' ? (serverErrors[0] ?? violation.detail) : violation.detail;
  // A hang has no message; what it hangs on is the endpoint.
  if (violation.kind === 'unresponsive' || violation.kind === 'timeout') return `${request.endpoint} ${violation.kind} ${normalize(cause)}`;
  return `${request.service} ${violation.kind} ${status} ${normalize(cause)}`;
}

/** Numbers, ids and quoted input differ from one request to the next; the cause does not. */
function normalize(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.){24,}"/g, '"…"')
    .replace(/[0-9a-f]{12,}/gi, '<id>')
    .replace(/\d+(\.\d+)?/g, '#')
    .slice(0, 160);
}

/**
 * The error lines among a service's output: pino lines at level error or fatal (their error message), and plain
 * lines that look like an uncaught exception.
 */
export function errorLines(lines: readonly string[]): string[] {
  const errors: string[] = [];
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; error?: { message?: string } | string; err?: { message?: string } };
      if ((entry.level ?? 0) < 50) continue;
      const nested = typeof entry.error === 'string' ? entry.error : (entry.error?.message ?? entry.err?.message);
      errors.push(nested ? `${entry.msg ?? 'error'}: ${nested}` : (entry.msg ?? line));
    } catch {
      if (/error|exception|fatal|abort/i.test(line)) errors.push(line.trim());
    }
  }
  return errors;
}

export class FailureClasses {
  private readonly classes = new Map<string, FailureClass>();

  add(signature: string, failure: ObservedFailure, runIndex: number): void {
    const existing = this.classes.get(signature);
    if (existing) {
      existing.count += 1;
      existing.endpoints.set(failure.request.endpoint, (existing.endpoints.get(failure.request.endpoint) ?? 0) + 1);
      return;
    }
    this.classes.set(signature, {
      signature,
      service: failure.request.service,
      kind: failure.violation.kind,
      count: 1,
      endpoints: new Map([[failure.request.endpoint, 1]]),
      firstRunIndex: runIndex,
      first: failure,
      minimal: null,
      shrinkNote: null,
    });
  }

  /** Crashes first, then by how often they happened. */
  list(): FailureClass[] {
    const rank = (kind: ViolationKind) => (kind === 'crash' || kind === 'unresponsive' ? 0 : kind === 'server-error' ? 1 : kind === 'no-response' || kind === 'timeout' ? 2 : 3);
    return [...this.classes.values()].sort((first, second) => rank(first.kind) - rank(second.kind) || second.count - first.count);
  }
}
