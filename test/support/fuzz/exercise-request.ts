import { errorLines, failureSignature, type ObservedFailure } from './failure-class';
import type { FuzzRequest } from './fuzz-request';
import { probe } from './http-probe';
import { checkResponse, type Violation } from './response-properties';
import { sendFuzzRequest, type FuzzResponse } from './send-fuzz-request';
import type { ServiceProcess } from './service-process';
import type { FuzzServices } from './start-fuzz-services';

/** One request sent and judged: the answer, every property it broke, and each of those as a grouped failure. */
export interface ExercisedRequest {
  response: FuzzResponse;
  violations: Violation[];
  failures: { signature: string; failure: ObservedFailure }[];
}

export type Exerciser = (request: FuzzRequest) => Promise<ExercisedRequest>;

/**
 * Sends a request to its service and checks the answer, then the processes: one that exited is a crash, one
 * that no longer answers /healthz after an unanswered request is hung. Either is restarted, so the run goes on
 * and reports every way it broke.
 */
export function createExerciser(services: FuzzServices, requestTimeoutMs: number): Exerciser {
  return async (request) => {
    const marks = [services.router.logMark(), services.feedback.logMark()] as const;
    const target = request.service === 'router' ? services.router : services.feedback;
    const response = await sendFuzzRequest(request, { port: target.port, timeoutMs: requestTimeoutMs });
    // The fakes keep every request they received; nothing here reads them.
    for (const upstream of services.upstreams) upstream.reset();

    const violations = checkResponse(request, response);
    const crashed = [services.router, services.feedback].filter((service) => !service.running);
    for (const service of crashed) violations.push({ kind: 'crash', detail: `the ${service.name} exited (${JSON.stringify(service.exits.at(-1))})` });
    const hung: ServiceProcess[] = [];
    if (crashed.length === 0 && violations.some((violation) => violation.kind === 'timeout' || violation.kind === 'no-response')) {
      // Without an answer the service may be hung; every later request would wait out its timeout.
      const health = await probe(target.port, '/healthz', 2_000);
      if (health?.status !== 200) {
        hung.push(target);
        violations.push({ kind: 'unresponsive', detail: `the ${target.name} did not answer /healthz within 2 s after this request` });
      }
    }
    if (violations.length === 0) return { response, violations, failures: [] };

    // The services log an error before they answer; give the lines a moment to come through the pipes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const serverErrors = [...errorLines(services.router.linesSince(marks[0])), ...errorLines(services.feedback.linesSince(marks[1]))];
    for (const service of [...crashed, ...hung]) await services.restart(service);
    return {
      response,
      violations,
      failures: violations.map((violation) => ({
        signature: failureSignature(request, response, violation, serverErrors),
        failure: { request, response, violation, serverErrors },
      })),
    };
  };
}
