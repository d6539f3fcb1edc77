import { z } from 'zod';
import { ConfigError } from './config-error';

/** `true/false`, `1/0`, `yes/no`. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A shared secret from the environment: short ones are refused, since a guessable token leaves the endpoint open. */
export const serviceToken = z.string().trim().min(16, { error: 'must be at least 16 characters: it is all that keeps the endpoint closed' });

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Validates the environment against a schema, treating empty variables as unset; errors name the variable. */
export function parseEnvironment<Schema extends z.ZodType>(schema: Schema, environment: NodeJS.ProcessEnv): z.infer<Schema> {
  const withoutEmpty = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(withoutEmpty);
  if (!result.success) throw ConfigError.fromZod('environment variables', result.error);
  return result.data;
}
