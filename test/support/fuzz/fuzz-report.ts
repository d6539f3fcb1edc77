import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FailureClass, ObservedFailure } from './failure-class';
import { describeFuzzRequest } from './fuzz-request';
import { SLOW_ANSWER_MS } from './fuzz-tally';
import { formatMegabytes } from './process-memory';
import type { ServiceFuzzReport } from './run-service-fuzz';

/** True when every property held: no failing answer, no crash, and the after-run checks passed. */
export function fuzzPassed(report: ServiceFuzzReport): boolean {
  return report.failures.length === 0 && report.afterRunProblems.length === 0;
}

/**
 * The tally and every distinct failure with its minimal request, as text. Bodies of the minimal requests are
 * written next to the report (`failure-<n>.body`), so they can be sent again with `curl --data-binary @file`.
 */
export function formatFuzzReport(report: ServiceFuzzReport, outputDirectory: string): string {
  const { tally } = report;
  const lines: string[] = [];
  lines.push(`Routewise service fuzz: ${tally.cases} requests, seed ${report.seed}, ${(report.durationMs / 1000).toFixed(1)} s`);
  lines.push(`real prompts from: ${report.promptSources.join(', ')}`);
  lines.push('', 'requests per endpoint (answers by status):');
  for (const [endpoint, count] of [...tally.endpoints].sort((first, second) => second[1] - first[1])) {
    lines.push(`  ${String(count).padStart(6)}  ${endpoint.padEnd(58)} ${histogram(tally.statusesByEndpoint.get(endpoint) ?? new Map())}`);
  }
  lines.push('', `answers by status: ${histogram(tally.statuses)}`);
  lines.push(
    '',
    `5xx: ${tally.serverErrors()}   crashes: ${tally.count('crash')}   hung: ${tally.count('unresponsive')}   no answer: ${tally.count('no-response')}   timeouts: ${tally.count('timeout')}   ` +
      `malformed error bodies: ${tally.count('malformed-error-body')}   broken streams: ${tally.count('broken-stream')}   unparseable 2xx: ${tally.count('unparseable-success')}`,
  );
  lines.push(`slowest answer: ${(tally.slowest.durationMs / 1000).toFixed(2)} s (${tally.slowest.endpoint}); answers slower than ${SLOW_ANSWER_MS / 1000} s: ${tally.slowAnswers}`);
  lines.push('', `memory (RSS before → after the run, peak; limit: before + ${formatMegabytes(report.rssGrowthLimitBytes)}):`);
  for (const [service, reading] of Object.entries(report.memory)) {
    const before = reading.before ? formatMegabytes(reading.before.rssBytes) : '?';
    const after = reading.after ? formatMegabytes(reading.after.rssBytes) : '?';
    const peak = reading.after ? formatMegabytes(reading.after.peakRssBytes) : '?';
    lines.push(`  ${service.padEnd(9)} ${before} → ${after} (peak ${peak})`);
  }
  lines.push('', 'after the run:', ...report.afterRun.map((line) => `  ${line}`));

  if (report.failures.length > 0) {
    lines.push('', `${report.failures.length} distinct failures (${tally.failedCases} failing requests):`);
    report.failures.forEach((failure, index) => lines.push('', ...describeFailure(failure, index + 1, outputDirectory)));
  }
  lines.push('', fuzzPassed(report) ? 'result: PASS' : `result: FAIL (${report.failures.length} distinct failures, ${report.afterRunProblems.length} after-run problems)`, '');
  return lines.join('\n');
}

function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort(([first], [second]) => first.localeCompare(second))
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}

function describeFailure(failure: FailureClass, number: number, outputDirectory: string): string[] {
  const endpoints = [...failure.endpoints].map(([endpoint, count]) => `${endpoint} ×${count}`).join(', ');
  const lines = [`${number}. [${failure.kind}] ${failure.signature}`, `   ${failure.count} requests: ${endpoints}`];
  const shown = failure.minimal ?? failure.first;
  if (shown.serverErrors.length > 0) lines.push(`   server log: ${shown.serverErrors.slice(0, 3).join(' | ').slice(0, 400)}`);
  lines.push(`   ${failure.minimal ? 'minimal request' : 'first request'}${failure.shrinkNote ? ` (${failure.shrinkNote})` : ' (not shrunk)'}:`);
  lines.push(...describeFuzzRequest(shown.request).split('\n').map((line) => `     ${line}`));
  const bytes = shown.request.raw ?? shown.request.body;
  if (bytes !== null && bytes.length > 0) {
    const file = path.join(outputDirectory, `failure-${number}.body`);
    writeFileSync(file, bytes);
    lines.push(`     exact ${shown.request.raw ? 'bytes' : 'body'}: ${file}`);
  }
  lines.push(`   answer: ${describeAnswer(shown)}`);
  return lines;
}

function describeAnswer(failure: ObservedFailure): string {
  const { response, violation } = failure;
  const body = response.body.toString('utf8');
  const head = response.status === null ? response.outcome : `${response.status} ${String(response.headers['content-type'] ?? '(no content-type)')}`;
  return `${head} ${JSON.stringify(body.length > 240 ? `${body.slice(0, 240)}…` : body)} — ${violation.kind}: ${violation.detail}`;
}
