import type { z } from 'zod';
import { InvalidRequestError } from '@routewise/errors';
import { chatRequestSchema, type ChatRequest } from './chat-request-schema';

/** Stage 1: the body must be an OpenAI chat request Routewise can route. Errors name the field at fault. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) throw invalidRequestFrom(result.error);
  return result.data;
}

export function invalidRequestFrom(error: z.ZodError): InvalidRequestError {
  const issue = error.issues[0]!;
  const param = formatPath(issue.path);
  return new InvalidRequestError(param ? `Invalid '${param}': ${issue.message}` : issue.message, param || null);
}

/** ['messages', 2, 'role'] → 'messages[2].role', the way OpenAI names params. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}
