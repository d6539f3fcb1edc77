import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '@routewise/classifier';
import type { RoutewiseConfig } from '@routewise/config';

/** The seed classifier's training settings: the defaults, with the configured precision target for the threshold. */
export function trainingOptionsFor(config: RoutewiseConfig): TrainingOptions {
  return { ...DEFAULT_TRAINING_OPTIONS, targetPrecision: config.classifier.target_precision };
}
