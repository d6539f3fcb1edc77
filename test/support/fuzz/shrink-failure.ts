import fc from 'fast-check';
import type { FailureClass, ObservedFailure } from './failure-class';
import type { FuzzRequest } from './fuzz-request';
import type { Exerciser } from './exercise-request';

export interface ShrinkOptions {
  seed: number;
  timeLimitMs: number;
}

/**
 * Replays the class's first failure (`seed` and `path`) and lets fast-check shrink it for as long as the failure
 * keeps its signature; the last failing request tried is the minimal one. Sets `minimal` and `shrinkNote`.
 */
export async function shrinkFailure(failureClass: FailureClass, arbitrary: fc.Arbitrary<FuzzRequest>, exercise: Exerciser, options: ShrinkOptions): Promise<void> {
  let smallest: ObservedFailure | null = null;
  let outOfTime = false;
  const deadline = Date.now() + options.timeLimitMs;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (request) => {
      // Past the deadline every candidate passes, which ends the shrinking at once. (fast-check's own time limit
      // would leave the request in flight running on, restarting services after the run is over.)
      if (smallest !== null && Date.now() > deadline) {
        outOfTime = true;
        return true;
      }
      const match = (await exercise(request)).failures.find((failure) => failure.signature === failureClass.signature);
      if (match) smallest = match.failure;
      return match === undefined;
    }),
    // One run: the replayed case and its shrinks. (More runs would go on to fresh cases when the replay passes.)
    { seed: options.seed, numRuns: 1, path: String(failureClass.firstRunIndex) },
  );
  failureClass.minimal = smallest;
  failureClass.shrinkNote = details.failed
    ? `shrunk in ${details.numShrinks} steps${outOfTime ? `, stopped after ${options.timeLimitMs / 1000} s` : ''}; replay: seed ${options.seed}, path ${details.counterexamplePath}`
    : 'did not fail again on replay: it depends on timing or on what ran before it';
}
