/** A whole answer that is one ```json (or unlabeled) fence around the JSON, as Claude and many models write it. */
const WHOLE_ANSWER_FENCE = /^```[ \t]*(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```$/;

export interface JsonText {
  /** The text to parse: the answer, or the inside of its fence. */
  text: string;
  /** True when a fence around the whole answer was removed. */
  fenced: boolean;
}

/**
 * Removes a ```json fence that wraps the whole answer (after trimming). Prose around the fence is not removed: that
 * answer is not JSON. Exported so the router can give the client the unwrapped JSON.
 */
export function stripJsonFence(content: string): JsonText {
  const trimmed = content.trim();
  const match = WHOLE_ANSWER_FENCE.exec(trimmed);
  return match === null ? { text: trimmed, fenced: false } : { text: match[1] ?? '', fenced: true };
}
