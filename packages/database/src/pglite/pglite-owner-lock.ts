import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * PGlite is Postgres in this process with no server in between: a second process (or a second PGlite in this one)
 * opening the same folder would corrupt it. A `<folder>.lock` file holding the owner's pid keeps it to one owner;
 * a lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function acquireOwnerLock(dataDirectory: string): () => void {
  const lockPath = `${dataDirectory}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(lockPath, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error;
      const owner = Number.parseInt(readLockOwner(lockPath), 10);
      if (Number.isInteger(owner) && isRunning(owner)) {
        const who = owner === process.pid ? 'this process' : `process ${owner}`;
        throw new Error(`The PGlite database in ${dataDirectory} is already open in ${who} (lock file ${lockPath}).`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}.`);
}

function readLockOwner(lockPath: string): string {
  try {
    return readFileSync(lockPath, 'utf8').trim();
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrorCode(error, 'EPERM');
  }
}

/** Duck-typed: under jest, Node's errors come from another realm and fail `instanceof Error`. */
function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
