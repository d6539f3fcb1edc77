import { InvalidRequestError } from '@routewise/errors';
import { JsonStructureScanner } from './json-structure-scanner';
import type { JsonStructureLimits } from './json-structure-limits';

/**
 * JSON.parse for JSON a client wrote inside a string (tool-call arguments, say), which the body reader could not see
 * into: scanned first, so 4 MB of `[[[[` is a 400 in microseconds instead of seconds of JSON.parse on the event loop.
 * `param` names the field in the error; a syntax error is an InvalidRequestError too.
 */
export function parseJsonWithinLimits(text: string, limits: JsonStructureLimits, param: string): unknown {
  try {
    new JsonStructureScanner(limits).write(Buffer.from(text));
  } catch (error) {
    throw new InvalidRequestError(`Invalid '${param}': ${(error as Error).message}`, param);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`Invalid '${param}': not valid JSON.`, param);
  }
}
