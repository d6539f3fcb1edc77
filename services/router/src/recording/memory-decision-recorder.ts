import type { DecisionRecord, DecisionRecorder } from './decision-record';

/** Keeps decisions in memory: for tests and for embedding the router in another process. */
export class MemoryDecisionRecorder implements DecisionRecorder {
  readonly decisions: DecisionRecord[] = [];

  record(decision: DecisionRecord): void {
    this.decisions.push(decision);
  }

  find(requestId: string): DecisionRecord | undefined {
    return this.decisions.find((decision) => decision.requestId === requestId);
  }

  async close(): Promise<void> {}
}
