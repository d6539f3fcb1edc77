import { createHash } from 'node:crypto';

/** Share of the seed prompts held out for evaluation, by id. */
export const SEED_HOLDOUT_FRACTION = 0.15;

/**
 * Deterministic split by id (sha256 of `salt + id`), so the same example is always on the same side. A salt gives an
 * independent split, e.g. the calibration rows carved out of the training rows.
 */
export function isHeldOut(id: string, fraction: number, salt = ''): boolean {
  const bucket = createHash('sha256').update(salt).update(id).digest().readUInt32BE(0) / 0x1_0000_0000;
  return bucket < fraction;
}
