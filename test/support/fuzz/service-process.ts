import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { ServiceName } from './fuzz-request';
import { probe } from './http-probe';
import { readProcessMemory, type ProcessMemory } from './process-memory';

export interface ServiceProcessOptions {
  name: ServiceName;
  /** The service's build output, e.g. services/router/dist/main.js. */
  script: string;
  cwd: string;
  environment: NodeJS.ProcessEnv;
  port: number;
  /** Polled until it answers 200: /healthz for the feedback service, /readyz for the router. */
  readinessPath: string;
  /** Everything the process writes, appended. */
  logFile: string;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Lines of output kept in memory for matching errors to requests; the log file has all of them. */
const KEPT_LINES = 5_000;

/** One service started from its build output the way the launcher starts it, with its output captured. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private lines: string[] = [];
  private linesSeen = 0;
  private partialLine = '';
  private readonly exitListeners = new Set<(exit: ServiceExit) => void>();
  /** Every exit so far, planned or not. */
  readonly exits: ServiceExit[] = [];

  constructor(readonly options: ServiceProcessOptions) {}

  get name(): ServiceName {
    return this.options.name;
  }

  get port(): number {
    return this.options.port;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until its readiness path answers 200. */
  async start(timeoutMs: number): Promise<void> {
    this.log ??= createWriteStream(this.options.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [this.options.script], { cwd: this.options.cwd, env: this.options.environment, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.capture(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.capture(chunk));
    child.on('exit', (code, signal) => {
      const exit = { code, signal };
      this.exits.push(exit);
      for (const listener of this.exitListeners) listener(exit);
    });
    await this.waitUntilReady(timeoutMs);
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`The ${this.name} exited while starting (${JSON.stringify(this.exits.at(-1))}). Its last output:\n${this.tail(30)}`);
      const answer = await probe(this.port, this.options.readinessPath, 2_000);
      if (answer?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`The ${this.name} did not answer ${this.options.readinessPath} with 200 within ${timeoutMs / 1000} s. Its last output:\n${this.tail(30)}`);
  }

  onExit(listener: (exit: ServiceExit) => void): void {
    this.exitListeners.add(listener);
  }

  private capture(chunk: Buffer): void {
    this.log?.write(chunk);
    const text = this.partialLine + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partialLine = lines.pop() ?? '';
    this.lines.push(...lines);
    this.linesSeen += lines.length;
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  /** A position in the output, to read what was written after it. */
  logMark(): number {
    return this.linesSeen;
  }

  linesSince(mark: number): string[] {
    const available = Math.min(this.linesSeen - mark, this.lines.length);
    return available > 0 ? this.lines.slice(this.lines.length - available) : [];
  }

  tail(count: number): string {
    return [...this.lines.slice(-count), this.partialLine].filter((line) => line !== '').join('\n');
  }

  memory(): ProcessMemory | null {
    return this.pid === null ? null : readProcessMemory(this.pid);
  }

  /** SIGTERM, then SIGKILL when it has not exited within five seconds. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** For exit hooks, where nothing asynchronous runs any more. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }

  async closeLog(): Promise<void> {
    const log = this.log;
    this.log = null;
    if (log) await new Promise<void>((resolve) => log.end(resolve));
  }
}
