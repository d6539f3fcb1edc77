export { createLogger } from './logger';
export type { Logger, LoggerOptions } from './logger';
export { startTracing, getTracer, withSpan } from './tracing';
export type { TracingOptions, TracingHandle } from './tracing';
