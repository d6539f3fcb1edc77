import type { ServiceName } from './fuzz-request';
import { probe } from './http-probe';
import { formatMegabytes, type ProcessMemory } from './process-memory';
import { decisionsShipped } from './service-settling';
import type { FuzzServices } from './start-fuzz-services';

export interface AfterRunChecks {
  /** Every check, `ok` or `FAIL`, as a line. */
  lines: string[];
  /** The checks that failed. */
  problems: string[];
  memoryAfter: Record<ServiceName, ProcessMemory | null>;
}

/**
 * Once the run is over: both processes ran the whole time, each answers /healthz with 200 within a second, and
 * each one's RSS is at most its RSS before the run plus the limit.
 */
export async function checkAfterRun(services: FuzzServices, memoryBefore: Record<ServiceName, ProcessMemory | null>, rssGrowthLimitBytes: number): Promise<AfterRunChecks> {
  const lines: string[] = [];
  const problems: string[] = [];
  const check = (ok: boolean, text: string) => {
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    if (!ok) problems.push(text);
  };
  // Decisions still on their way are work in flight; measure once it is done.
  const decisions = await decisionsShipped(services.router, 10_000);
  const memoryAfter = { router: services.router.memory(), feedback: services.feedback.memory() };
  for (const service of [services.router, services.feedback]) {
    check(service.running && service.exits.length === 0, `the ${service.name} ran the whole time (exits: ${JSON.stringify(service.exits)})`);
    const health = await probe(service.port, '/healthz', 1_000);
    check(health?.status === 200, `the ${service.name}'s /healthz answered ${health ? `${health.status} in ${health.durationMs.toFixed(0)} ms` : 'nothing within 1 s'}`);
    const before = memoryBefore[service.name]?.rssBytes;
    const after = memoryAfter[service.name]?.rssBytes;
    if (before === undefined || after === undefined) {
      check(false, `the ${service.name}'s RSS could not be read (/proc/<pid>/status)`);
    } else {
      check(after <= before + rssGrowthLimitBytes, `the ${service.name}'s RSS ${formatMegabytes(before)} → ${formatMegabytes(after)}, within before + ${formatMegabytes(rssGrowthLimitBytes)}`);
    }
  }
  lines.push(`     router decisions after the run: ${decisions}`);
  return { lines, problems, memoryAfter };
}
