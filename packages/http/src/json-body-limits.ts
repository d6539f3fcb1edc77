import type { JsonStructureLimits } from '@routewise/json-limits';

/**
 * What a JSON request body may hold. JSON.parse is fast on long strings but slow on structure: measured here, 1 MB of
 * nested `[` takes ~0.5 s and 32 MB of `{},` ~10 s, all on the event loop. Bodies are therefore scanned as they arrive
 * and refused as soon as they pass one of these limits, before anything parses them.
 */
export interface JsonBodyLimits extends JsonStructureLimits {
  /** Largest body in bytes, after decompression. */
  maxBytes: number;
}

/** For endpoints that take a few fields (feedback, retrain): a comment of 10,000 characters fits many times over. */
export const SMALL_JSON_BODY_LIMITS: JsonBodyLimits = Object.freeze({ maxBytes: 64 * 1024, maxDepth: 16, maxValues: 1_000 });
