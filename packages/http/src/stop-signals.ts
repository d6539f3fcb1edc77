/** The part of a logger stopping needs (pino's satisfies it). */
interface StopLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Runs `stop` once, on the first SIGTERM or SIGINT or when the launcher that started this process is gone (its IPC
 * channel closed: the process must not outlive `npm start`), then exits 0, or 1 when `stop` failed. A second signal
 * while stopping exits at once, for an operator who will not wait.
 */
export function onStopSignal(logger: StopLogger, stop: (reason: string) => Promise<void>): void {
  let stopping = false;
  const begin = (reason: string) => {
    if (stopping) {
      logger.warn({ reason }, 'second stop signal while stopping: exiting now');
      process.exit(1);
    }
    stopping = true;
    stop(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: error instanceof Error ? error.message : String(error) }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => begin('SIGTERM'));
  process.on('SIGINT', () => begin('SIGINT'));
  if (process.connected) process.on('disconnect', () => begin('the launcher is gone'));
}
