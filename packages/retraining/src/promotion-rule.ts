import type { RetrainDecision } from './retrain-report';

/** A candidate may lose at most this much macro-F1 against the active version and still be promoted. */
export const DEFAULT_MARGIN_MACRO_F1 = 0.03;

/** Promote when the candidate's macro-F1 is no worse than the baseline's by more than the margin. */
export function decidePromotion(candidateMacroF1: number, baselineMacroF1: number, marginMacroF1: number, baselineName: string): { decision: RetrainDecision; reason: string } {
  const promote = candidateMacroF1 >= baselineMacroF1 - marginMacroF1;
  const comparison = `candidate macro-F1 ${candidateMacroF1.toFixed(4)} vs ${baselineName} ${baselineMacroF1.toFixed(4)} (margin ${marginMacroF1})`;
  return promote
    ? { decision: 'promote', reason: `${comparison}: no worse than the margin allows` }
    : { decision: 'reject', reason: `${comparison}: worse by ${(baselineMacroF1 - candidateMacroF1).toFixed(4)}, more than the margin` };
}
