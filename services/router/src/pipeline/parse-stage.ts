import { InvalidRequestError } from '@routewise/errors';
import { invalidRequestFromZod } from '@routewise/http';
import { chatRequestSchema, type ChatRequest } from './chat-request-schema';

/** Stage 1: the body must be an OpenAI chat request Routewise can route. Errors name the field at fault. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) throw invalidRequestFromZod(result.error);
  return result.data;
}
