import type { z } from 'zod';
import { InvalidRequestError } from '@routewise/errors';
import { formatJsonPath, type JsonPathSegment } from '@routewise/json-limits';

export interface RequestProblem {
  /** The field at fault, e.g. `messages[2].role`; null for the body as a whole. */
  param: string | null;
  message: string;
}

/** The first problem zod found, with the field named the way OpenAI names params (`Invalid 'messages[2].role': …`). */
export function describeZodError(error: z.ZodError, prefix: readonly JsonPathSegment[] = []): RequestProblem {
  const issue = error.issues[0]!;
  const segments = [...prefix, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')];
  const param = formatJsonPath(segments, Number.POSITIVE_INFINITY) || null;
  return { param, message: param ? `Invalid '${param}': ${issue.message}` : issue.message };
}

/** A 400 for a body that failed its schema, naming the field. */
export function invalidRequestFromZod(error: z.ZodError): InvalidRequestError {
  const { param, message } = describeZodError(error);
  return new InvalidRequestError(message, param);
}
