import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePostgresBinaries, type PostgresBinaries } from './find-postgres-binaries';
import { findFreePort } from './free-port';
import { PostgresProcess } from './postgres-process';
import { runCommand } from './run-command';
import { serverEnvironment, serverUser, type ServerUser } from './server-user';
import { createTestDatabase } from './test-database';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`: the database created at start (trust auth, no password). */
  readonly url: string;
  readonly port: number;
  readonly majorVersion: number;
  /** The server's recent log output, for failure messages. */
  log(): string;
  /** Stops the server and starts it again on the same port and data: open connections break, data stays. */
  restart(): Promise<void>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

export interface StartPostgresServerOptions {
  /** The database to create and point `url` at (default `routewise`). */
  databaseName?: string;
}

const PORT_ATTEMPTS = 3;

/**
 * A real, private Postgres server for one test file: initdb in a new temp folder (trust auth, no fsync), then
 * `postgres` on a free 127.0.0.1 port with its socket in that folder, run as the `postgres` user when this process
 * is root. Call stop() in afterAll; the folder is also removed if the process exits first.
 */
export async function startPostgresServer(options: StartPostgresServerOptions = {}): Promise<PostgresServer> {
  const binaries = requirePostgresBinaries();
  const user = serverUser();
  const directory = mkdtempSync(path.join(os.tmpdir(), 'routewise-postgres-'));
  const dataDirectory = path.join(directory, 'data');
  let server: PostgresProcess | undefined;
  const removeFiles = () => rmSync(directory, { recursive: true, force: true });
  const cleanUpOnExit = () => {
    server?.killNow();
    try {
      removeFiles();
    } catch {
      // The killed server may still be writing; the folder is in the temp directory anyway.
    }
  };
  process.once('exit', cleanUpOnExit);

  try {
    if (user !== undefined) chownSync(directory, user.uid, user.gid);
    await initializeDataDirectory(binaries, dataDirectory, directory, user);
    const launch = (port: number) => PostgresProcess.start({ binaries, dataDirectory, socketDirectory: directory, port, user });
    const started = await startOnFreePort(launch);
    server = started.server;
    const port = started.port;
    const url = await createTestDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, options.databaseName ?? 'routewise');

    return {
      url,
      port,
      majorVersion: binaries.majorVersion,
      log: () => server?.log() ?? '',
      restart: async () => {
        await server?.stop();
        server = await launch(port);
      },
      stop: async () => {
        await server?.stop();
        process.removeListener('exit', cleanUpOnExit);
        removeFiles();
      },
    };
  } catch (error) {
    await server?.stop();
    process.removeListener('exit', cleanUpOnExit);
    removeFiles();
    throw error;
  }
}

async function initializeDataDirectory(
  binaries: PostgresBinaries,
  dataDirectory: string,
  workingDirectory: string,
  user: ServerUser | undefined,
): Promise<void> {
  await runCommand(
    binaries.initdb,
    ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'],
    { cwd: workingDirectory, env: serverEnvironment(workingDirectory), ...user },
  );
}

/** The free port can be taken between finding and binding it; try another then. */
async function startOnFreePort(
  launch: (port: number) => Promise<PostgresProcess>,
): Promise<{ server: PostgresProcess; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    try {
      return { server: await launch(port), port };
    } catch (error) {
      lastError = error;
      if (!(error instanceof Error) || !/could not bind|Address already in use/i.test(error.message)) throw error;
    }
  }
  throw lastError;
}
