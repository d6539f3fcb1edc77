import cluster, { type Worker } from 'node:cluster';
import { readRouterEnvironment, ConfigError, type RouterEnvironment } from '@routewise/config';
import { createHttpService, onStopSignal } from '@routewise/http';
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
  const service = createHttpService(runtime.app);
  // One SIGTERM: /readyz says draining, no new connections, in-flight requests (streams too) finish within the
  // deadline, then the decisions they produced are delivered to the feedback service, then the process exits.
  onStopSignal(logger, async (reason) => {
    logger.info({ reason, inFlight: service.inFlight() }, 'stopping: finishing requests in flight');
    runtime.beginDraining();
    const drained = await service.drain(runtime.config.server.shutdown_timeout_ms);
    if (!drained.completed) logger.warn({ abandoned: drained.abandoned }, 'requests still running at the shutdown deadline were cut off');
    await runtime.close();
    await tracing.shutdown();
    logger.info('stopped');
  });
  const port = await service.listen(environment.ROUTER_PORT, environment.ROUTER_HOST);
  if (cluster.isPrimary) {
    logger.info(
      { url: `http://${environment.ROUTER_HOST}:${port}`, demoMode: runtime.demoMode },
      runtime.demoMode ? 'router listening in DEMO MODE: no provider key is set, answers are simulated' : 'router listening',
    );
  }
  runtime.ready.catch(() => process.exit(1));
}

/** Forks the workers, replaces one that dies, and on a stop signal passes it on once and waits for every worker. */
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
  onStopSignal(logger, async (reason) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    const exited = workers.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
    for (const worker of workers) worker.process.kill('SIGTERM');
    logger.info({ reason, workers: workers.length }, 'stopping router workers');
    await Promise.all(exited);
  });
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
