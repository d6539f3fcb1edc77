import type { Request, Response } from 'express';
import { z } from 'zod';
import { NotReadyError } from '@routewise/errors';
import { invalidRequestFromZod } from '@routewise/http';
import type { RetrainCoordinator } from '../retraining/retrain-coordinator';

const retrainRequestSchema = z.strictObject({ dry_run: z.boolean().optional() });

/** POST /v1/retrain `{dry_run?}`: retrains now and answers with the report; 409 while another retrain runs. */
export function retrainHandler(coordinator: RetrainCoordinator | undefined) {
  return async (request: Request, response: Response): Promise<void> => {
    const parsed = retrainRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    if (!coordinator) throw new NotReadyError('Retraining is not set up in this feedback service (no embedder loaded).');
    response.json(await coordinator.retrain({ dryRun: parsed.data.dry_run ?? false, trigger: 'request' }));
  };
}
