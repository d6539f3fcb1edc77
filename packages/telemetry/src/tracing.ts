import { trace, SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP endpoint, e.g. http://collector:4318. Without one (and without an exporter) tracing stays a no-op. */
  otlpEndpoint?: string | undefined;
  /** Tests pass an in-memory exporter; spans are exported synchronously then. */
  exporter?: SpanExporter;
}

export interface TracingHandle {
  enabled: boolean;
  shutdown(): Promise<void>;
}

/**
 * Registers a tracer provider for the process. The code creates spans through @opentelemetry/api everywhere;
 * with no provider registered those calls are no-ops that cost next to nothing, so tracing is opt-in by config.
 */
export function startTracing(options: TracingOptions): TracingHandle {
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : options.otlpEndpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))
      : null;
  if (!processor) return { enabled: false, shutdown: async () => undefined };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    enabled: true,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}

export function getTracer(name = 'routewise'): Tracer {
  return trace.getTracer(name);
}

/** Runs `work` inside a span; records the error and rethrows when it fails. */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T> | T,
): Promise<T> {
  return getTracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
