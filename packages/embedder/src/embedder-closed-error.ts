import { NotReadyError } from '@routewise/errors';

/** What every embedder throws from `embed` once `close()` was called. */
export function embedderClosedError(embedderId: string): NotReadyError {
  return new NotReadyError(`Embedder ${embedderId} is closed.`);
}
