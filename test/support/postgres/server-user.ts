import { execFileSync } from 'node:child_process';

/** The user the server runs as: Postgres refuses to run as root, so a root test run uses the `postgres` user. */
export interface ServerUser {
  uid: number;
  gid: number;
}

const SERVER_USER_NAME = 'postgres';

/** Undefined when this process is not root: the server then runs as the current user. */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, SERVER_USER_NAME], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      `Running as root, and there is no '${SERVER_USER_NAME}' user to run Postgres as (the postgresql package creates it).`,
    );
  }
}

/** A small, predictable environment for the server programs (English messages, no PG* variables leaking in). */
export function serverEnvironment(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C', LC_ALL: 'C' };
}
