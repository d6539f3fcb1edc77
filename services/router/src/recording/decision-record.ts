import type { TaskLabel } from '@routewise/taxonomy';
import type { RouteSource } from '@routewise/policy';

/** Everything the router knows about one routed request. Never holds a key; holds no prompt text. */
export interface DecisionRecord {
  requestId: string;
  createdAt: string;
  /** `route` for POST /v1/route (no provider call), `completion` otherwise. */
  kind: 'route' | 'completion';
  task: TaskLabel;
  confidence: number;
  probabilities: Record<TaskLabel, number>;
  /** The classifier's own top label, before any fallback or header override. */
  classifierTask: TaskLabel;
  source: RouteSource;
  reason: string;
  rule: string | null;
  model: string;
  provider: string;
  fallbackModel: string | null;
  fallbackCostUsd: number;
  stream: boolean;
  simulated: boolean;
  userTier: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  costEstimated: boolean;
  /** Parse through policy, in milliseconds. */
  routingMs: number;
  /** The provider call, in milliseconds (0 for /v1/route). */
  upstreamMs: number;
  totalMs: number;
  embedderId: string;
  classifierVersion: string;
  status: 'ok' | 'error';
  errorCode: string | null;
}

/** Where decisions go. Implementations must never block or fail the request. */
export interface DecisionRecorder {
  record(decision: DecisionRecord): void;
  close(): Promise<void>;
}
