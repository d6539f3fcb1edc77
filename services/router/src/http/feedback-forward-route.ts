import type { Request, Response } from 'express';
import { RoutewiseError } from '@routewise/errors';
import type { FeedbackServiceEndpoint } from '../feedback/feedback-service-endpoint';
import type { HttpDecisionRecorder } from '../recording/http-decision-recorder';

export interface FeedbackForwarding {
  feedback: FeedbackServiceEndpoint;
  /** The decision recorder, so feedback never overtakes its own decision from this router. */
  recorder: HttpDecisionRecorder;
}

/**
 * POST /v1/feedback: forwarded to the feedback service with the internal token (which clients never see), so
 * clients need one base URL and only answers this router served can be rated. When the decision it rates
 * is still in this router's buffer, that buffer is sent first. The service's status and body come back as they
 * are; when it cannot be reached the client gets a retryable 503 (the feedback was not stored).
 */
export function feedbackForwardHandler(forwarding: FeedbackForwarding | null) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!forwarding) {
      throw new RoutewiseError('Feedback is not enabled on this router (set FEEDBACK_ENABLED=true and FEEDBACK_URL).', { code: 'not_ready', status: 503 });
    }
    const requestId = (request.body as { request_id?: unknown } | null)?.request_id;
    if (typeof requestId === 'string' && forwarding.recorder.isPending(requestId)) await forwarding.recorder.flush(true);
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(forwarding.feedback.url('/v1/feedback'), {
        method: 'POST',
        headers: forwarding.feedback.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new RoutewiseError(`The feedback service is unreachable (${(error as Error).message}); the feedback was not stored, retry.`, {
        code: 'not_ready',
        status: 503,
        isRetryable: true,
      });
    }
    if (upstream.status === 401) {
      await upstream.arrayBuffer();
      throw new RoutewiseError(
        "The feedback service refused this router's internal token, so the feedback was not stored: routers and the feedback service need the same ROUTEWISE_INTERNAL_TOKEN.",
        { code: 'upstream_error', status: 502 },
      );
    }
    response.status(upstream.status);
    response.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
    response.send(Buffer.from(await upstream.arrayBuffer()));
  };
}
