import type { z } from 'zod';

/** Thrown at start when configuration is invalid; the message lists every bad field by its path. */
export class ConfigError extends Error {
  constructor(source: string, problems: string[]) {
    super(`Invalid configuration in ${source}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  static fromZod(source: string, error: z.ZodError): ConfigError {
    return new ConfigError(
      source,
      error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`),
    );
  }
}
