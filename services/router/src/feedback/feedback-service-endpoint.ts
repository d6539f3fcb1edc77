/**
 * Where the feedback service is and how a router proves it is one: every call (decisions, feedback, polls) carries
 * the internal token, which the feedback service requires.
 */
export class FeedbackServiceEndpoint {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly internalToken: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  url(path: `/${string}`): string {
    return `${this.baseUrl}${path}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, authorization: `Bearer ${this.internalToken}` };
  }
}
