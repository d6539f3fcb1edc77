import type { FeatureLayout, WireFeatureRow } from '@routewise/classifier';
import type { TaskLabel } from '@routewise/taxonomy';
import type { RouteSource } from '@routewise/policy';

/**
 * Everything the router knows about one routed request. Never holds a key; holds the prompt text only when the
 * operator set STORE_PROMPTS=true, and otherwise only its hash and the classifier's feature row.
 */
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
  /** sha256 of the task text the classifier read. */
  promptHash: string;
  promptText: string | null;
  /** First 16 hex of the sha256 of the caller's bearer token, for per-key usage; null without one. */
  callerKeyHash: string | null;
  /**
   * The classifier's feature row, so corrections and fallback labels can retrain without the text: the dense part
   * (embedding and shape features, 6 significant digits) and the packed hashed n-gram counts as base64.
   */
  features: WireFeatureRow;
  featureLayout: FeatureLayout;
  /** Each model a cascade tried, in order, with the check that failed; null without a cascade. */
  cascade: { model: string; passed: boolean; failed: string | null; reason: string; costUsd: number }[] | null;
}

/** Where decisions go. Implementations must never block or fail the request. */
export interface DecisionRecorder {
  record(decision: DecisionRecord): void;
  close(): Promise<void>;
}
