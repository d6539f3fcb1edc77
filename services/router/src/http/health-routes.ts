import type { Request, Response } from 'express';

export interface ReadinessReport {
  ready: boolean;
  /** The process is stopping: in-flight requests finish, new ones should go elsewhere. */
  draining: boolean;
  embedder: { id: string; kind: string; fallback: boolean; warning: string | null } | null;
  /** The classifier in use: from the feedback service (a promoted version) or local, and why. */
  classifier: { version: string; embedderId: string; source: 'feedback service' | 'local' | null; note: string | null } | null;
  demoMode: boolean;
  fallbackLlm: string | null;
  /** Decision shipping to the feedback service: buffered, sent and dropped counts; null when it is off. */
  decisions: { buffered: number; sent: number; dropped: number; failedAttempts: number } | null;
}

/** GET /healthz: the process is up. */
export function healthHandler() {
  return (_request: Request, response: Response): void => {
    response.json({ status: 'ok' });
  };
}

/**
 * GET /readyz: 200 once the embedder and a matching classifier are loaded and the feedback service was asked for its
 * promoted classifier; 503 `loading` before, `draining` while stopping. Says which embedder and classifier are in use.
 */
export function readinessHandler(readiness: () => ReadinessReport) {
  return (_request: Request, response: Response): void => {
    const report = readiness();
    response.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : report.draining ? 'draining' : 'loading',
      embedder: report.embedder,
      classifier: report.classifier,
      demo_mode: report.demoMode,
      fallback_llm: report.fallbackLlm,
      decisions: report.decisions,
    });
  };
}
