import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { PostgresBinaries } from './find-postgres-binaries';
import { serverEnvironment, type ServerUser } from './server-user';

const READY_LINE = 'database system is ready to accept connections';
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
const KEPT_LOG_CHARACTERS = 64 * 1024;

export interface PostgresProcessOptions {
  binaries: PostgresBinaries;
  dataDirectory: string;
  /** Also holds the Unix socket, so nothing is written to /var/run/postgresql. */
  socketDirectory: string;
  port: number;
  user: ServerUser | undefined;
}

/** One run of the `postgres` server program, from start until it exits. */
export class PostgresProcess {
  #log = '';

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.#log = (this.#log + chunk.toString('utf8')).slice(-KEPT_LOG_CHARACTERS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Starts the server and resolves once it accepts connections; rejects with its log if it exits or hangs. */
  static async start(options: PostgresProcessOptions): Promise<PostgresProcess> {
    const child = spawn(
      options.binaries.postgres,
      [
        '-D', options.dataDirectory,
        '-p', String(options.port),
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `unix_socket_directories=${options.socketDirectory}`,
        // A throwaway test server: durability only costs time.
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
      ],
      {
        cwd: options.socketDirectory,
        env: serverEnvironment(options.socketDirectory),
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(options.user === undefined ? {} : { uid: options.user.uid, gid: options.user.gid }),
      },
    );
    const server = new PostgresProcess(child);
    await server.#waitUntilReady();
    return server;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  log(): string {
    return this.#log;
  }

  /** Fast shutdown (SIGINT: roll back open transactions, disconnect clients); SIGKILL if it takes too long. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** For process exit handlers, which cannot wait. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  #waitUntilReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.child.stderr?.off('data', check);
        this.child.off('exit', exited);
        this.child.off('error', failed);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = () => {
        if (this.#log.includes(READY_LINE)) finish();
      };
      const exited = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(new Error(`postgres exited during startup (${signal ?? `code ${code}`}):\n${this.#log}`));
      const failed = (error: Error) => finish(error);
      const timer = setTimeout(() => {
        this.killNow();
        finish(new Error(`postgres did not become ready within ${STARTUP_TIMEOUT_MS} ms:\n${this.#log}`));
      }, STARTUP_TIMEOUT_MS);
      this.child.stderr?.on('data', check);
      this.child.once('exit', exited);
      this.child.once('error', failed);
    });
  }
}
