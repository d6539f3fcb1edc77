import fc from 'fast-check';
import { loadRoutewiseConfig } from '@routewise/config';
import { TASK_LABELS } from '@routewise/taxonomy';
import { checkAfterRun } from './after-run-checks';
import { createExerciser } from './exercise-request';
import { FailureClasses, type FailureClass } from './failure-class';
import type { ServiceName } from './fuzz-request';
import { fuzzRequest } from './fuzz-request-arbitraries';
import { FuzzTally } from './fuzz-tally';
import { formatMegabytes, type ProcessMemory } from './process-memory';
import { readRealPrompts } from './real-prompts';
import { settledMemory } from './service-settling';
import type { ServiceProcess } from './service-process';
import { shrinkFailure } from './shrink-failure';
import type { FuzzServices } from './start-fuzz-services';
import { warmUp } from './warm-up';

export interface ServiceFuzzOptions {
  runs: number;
  seed: number;
  /** RSS after the run may exceed RSS before it by at most this much, per service. */
  rssGrowthLimitBytes: number;
  /** A request without an answer by then is a failure (a hang is as bad as a crash). */
  requestTimeoutMs?: number;
  /** How long fast-check may shrink each distinct failure. */
  shrinkTimeMs?: number;
  /** Distinct failures shrunk, most serious first; the others are reported as first seen. */
  maxShrunkClasses?: number;
  progress?: (line: string) => void;
}

export interface MemoryReading {
  before: ProcessMemory | null;
  after: ProcessMemory | null;
}

export interface ServiceFuzzReport {
  seed: number;
  runs: number;
  durationMs: number;
  promptSources: readonly string[];
  tally: FuzzTally;
  failures: FailureClass[];
  memory: Record<ServiceName, MemoryReading>;
  rssGrowthLimitBytes: number;
  /** What the run checks once it is over: processes alive, /healthz within a second, RSS within the limit. */
  afterRun: string[];
  /** The ones of those that failed. */
  afterRunProblems: string[];
}

/**
 * Sends `runs` generated requests to the running services (fast-check, fixed seed), checking every answer; then
 * checks the processes, and shrinks each distinct failure to a minimal request. Every failing request is counted,
 * not only the first: a run reports all the distinct ways it broke.
 */
export async function runServiceFuzz(services: FuzzServices, options: ServiceFuzzOptions): Promise<ServiceFuzzReport> {
  const startedAt = performance.now();
  const progress = options.progress ?? (() => undefined);
  const { prompts, sources } = readRealPrompts();
  const arbitrary = fuzzRequest({
    prompts,
    modelIds: Object.keys(loadRoutewiseConfig().catalog),
    taskLabels: [...TASK_LABELS],
    knownRequestIds: await warmUp(services, prompts),
    tokens: services.tokens,
  });
  const memoryBefore = { router: await settledMemory(services.router, 10_000), feedback: await settledMemory(services.feedback, 10_000) };
  const exercise = createExerciser(services, options.requestTimeoutMs ?? 30_000);

  const tally = new FuzzTally();
  const classes = new FailureClasses();
  let runIndex = -1;
  let harnessError: unknown = null;
  const progressEvery = Math.max(1, Math.floor(options.runs / 20));
  const rss = (service: ServiceProcess) => formatMegabytes(service.memory()?.rssBytes ?? Number.NaN);
  await fc.check(
    fc.asyncProperty(arbitrary, async (request) => {
      runIndex += 1;
      try {
        const { response, violations, failures } = await exercise(request);
        tally.record(request, response, violations);
        for (const { signature, failure } of failures) classes.add(signature, failure, runIndex);
      } catch (error) {
        // A bug in the harness, not in the services: stop instead of letting fast-check shrink it.
        harnessError ??= error;
      }
      if ((runIndex + 1) % progressEvery === 0) {
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
        progress(`fuzz: ${runIndex + 1}/${options.runs} requests, ${tally.failedCases} failing, ${seconds} s, RSS router ${rss(services.router)}, feedback ${rss(services.feedback)}`);
      }
      // Always true for the services: every case runs, and failures are collected instead of ending the run.
      return harnessError === null;
    }),
    { seed: options.seed, numRuns: options.runs, endOnFailure: true },
  );
  if (harnessError !== null) throw harnessError;

  const afterRun = await checkAfterRun(services, memoryBefore, options.rssGrowthLimitBytes);
  const failures = classes.list();
  progress(
    `fuzz: ${tally.cases} requests sent: ${tally.serverErrors()} 5xx, ${tally.count('crash')} crashes, ${tally.count('unresponsive')} hangs, ` +
      `${failures.length} distinct failures, ${afterRun.problems.length} after-run problems`,
  );
  for (const failureClass of failures.slice(0, options.maxShrunkClasses ?? failures.length)) {
    progress(`fuzz: shrinking "${failureClass.signature}"`);
    await shrinkFailure(failureClass, arbitrary, exercise, { seed: options.seed, timeLimitMs: options.shrinkTimeMs ?? 20_000 });
  }
  for (const service of [services.router, services.feedback]) {
    if (!service.running) afterRun.problems.push(`the ${service.name} is not running after shrinking`);
  }

  return {
    seed: options.seed,
    runs: tally.cases,
    durationMs: performance.now() - startedAt,
    promptSources: sources,
    tally,
    failures,
    memory: {
      router: { before: memoryBefore.router, after: afterRun.memoryAfter.router },
      feedback: { before: memoryBefore.feedback, after: afterRun.memoryAfter.feedback },
    },
    rssGrowthLimitBytes: options.rssGrowthLimitBytes,
    afterRun: afterRun.lines,
    afterRunProblems: afterRun.problems,
  };
}
