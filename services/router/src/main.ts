import { once } from 'node:events';
import { readRouterEnvironment, ConfigError } from '@routewise/config';
import { createLogger, startTracing } from '@routewise/telemetry';
import { createRouterRuntime } from './router-runtime';

/** The router process: validate configuration, start tracing, bind the port, load models, serve. */
async function main(): Promise<void> {
  const environment = readRouterEnvironment();
  const logger = createLogger({ name: 'routewise-router', level: environment.LOG_LEVEL });
  const tracing = startTracing({ serviceName: 'routewise-router', otlpEndpoint: environment.OTEL_EXPORTER_OTLP_ENDPOINT });
  const runtime = createRouterRuntime({ environment, logger });
  const server = runtime.app.listen(environment.ROUTER_PORT, environment.ROUTER_HOST);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : environment.ROUTER_PORT;
  logger.info(
    { url: `http://${environment.ROUTER_HOST}:${port}`, demoMode: runtime.demoMode },
    runtime.demoMode ? 'router listening in DEMO MODE: no provider key is set, answers are simulated' : 'router listening',
  );
  runtime.ready.catch(() => process.exit(1));

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await runtime.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('routewise router failed to start:', error);
  }
  process.exit(1);
});
