import cluster from 'node:cluster';
import { once } from 'node:events';
import { readRouterEnvironment, ConfigError, type RouterEnvironment } from '@routewise/config';
import { createLogger, startTracing } from '@routewise/telemetry';
import { createRouterRuntime } from './router-runtime';

/**
 * The router process: validate configuration, then either serve, or (ROUTER_WORKERS > 1) fork that many workers
 * that share the port, so one host's cores all route. Each worker loads its own embedder and classifier.
 */
function main(): void {
  const environment = readRouterEnvironment();
  if (environment.ROUTER_WORKERS > 1 && cluster.isPrimary) return superviseWorkers(environment);
  serve(environment).catch(fail);
}

async function serve(environment: RouterEnvironment): Promise<void> {
  const logger = createLogger({ name: 'routewise-router', level: environment.LOG_LEVEL });
  const tracing = startTracing({ serviceName: 'routewise-router', otlpEndpoint: environment.OTEL_EXPORTER_OTLP_ENDPOINT });
  const runtime = createRouterRuntime({ environment, logger });
  const server = runtime.app.listen(environment.ROUTER_PORT, environment.ROUTER_HOST);
  server.keepAliveTimeout = 65_000;
  await once(server, 'listening');
  if (cluster.isPrimary) {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : environment.ROUTER_PORT;
    logger.info(
      { url: `http://${environment.ROUTER_HOST}:${port}`, demoMode: runtime.demoMode },
      runtime.demoMode ? 'router listening in DEMO MODE: no provider key is set, answers are simulated' : 'router listening',
    );
  }
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

function superviseWorkers(environment: RouterEnvironment): void {
  const logger = createLogger({ name: 'routewise-router', level: environment.LOG_LEVEL });
  logger.info({ workers: environment.ROUTER_WORKERS, url: `http://${environment.ROUTER_HOST}:${environment.ROUTER_PORT}` }, 'starting router workers');
  for (let index = 0; index < environment.ROUTER_WORKERS; index++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.error({ worker: worker.process.pid, code }, 'router worker exited; starting a new one');
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      process.exit(0);
    });
  }
}

function fail(error: unknown): never {
  console.error(error instanceof ConfigError ? error.message : `routewise router failed to start: ${String(error)}`);
  process.exit(1);
}

try {
  main();
} catch (error) {
  fail(error);
}
