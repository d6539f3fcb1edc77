import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Header and field names whose values are secrets. pino replaces them with "[redacted]" wherever they appear in a
 * logged object, so a provider key can never reach a log line even by accident.
 */
const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: options.name },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
