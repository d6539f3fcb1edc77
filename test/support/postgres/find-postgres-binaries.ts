import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The Postgres major version the harness prefers (what production runs); any other found is used otherwise. */
export const PREFERRED_POSTGRES_MAJOR_VERSION = 15;

export interface PostgresBinaries {
  directory: string;
  majorVersion: number;
  initdb: string;
  postgres: string;
  psql: string;
}

const REQUIRED = ['initdb', 'postgres', 'psql'] as const;

let cached: PostgresBinaries | null | undefined;

/**
 * Finds a folder holding initdb, postgres and psql: $POSTGRES_BIN_DIR if set, else `pg_config --bindir`,
 * `/usr/lib/postgresql/<version>/bin` and the folders on PATH (symlinks followed), preferring Postgres 15.
 */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  if (cached === undefined) cached = search() ?? null;
  return cached ?? undefined;
}

/** The same, or an error saying how to install Postgres. */
export function requirePostgresBinaries(): PostgresBinaries {
  const binaries = findPostgresBinaries();
  if (binaries === undefined) {
    throw new Error(
      'No Postgres server binaries (initdb, postgres, psql) found in $POSTGRES_BIN_DIR, `pg_config --bindir`, ' +
        '/usr/lib/postgresql/*/bin or PATH. Install them, e.g. `apt-get install -y postgresql`.',
    );
  }
  return binaries;
}

function search(): PostgresBinaries | undefined {
  const override = process.env['POSTGRES_BIN_DIR'];
  if (override !== undefined && override !== '') return describe(override);

  const found = new Map<string, PostgresBinaries>();
  for (const directory of candidateDirectories()) {
    const binaries = describe(directory);
    if (binaries !== undefined && !found.has(binaries.directory)) found.set(binaries.directory, binaries);
  }
  const all = [...found.values()];
  const preferred = all.find((binaries) => binaries.majorVersion === PREFERRED_POSTGRES_MAJOR_VERSION);
  return preferred ?? all.sort((left, right) => right.majorVersion - left.majorVersion)[0];
}

function candidateDirectories(): string[] {
  const directories: string[] = [];
  try {
    directories.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config (it comes with the libpq development package, not always installed).
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name));
    directories.push(...versions.map((version) => path.join('/usr/lib/postgresql', version, 'bin')));
  } catch {
    // Not a Debian-style install.
  }
  for (const directory of (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(directory, 'initdb');
    if (isExecutable(initdb)) directories.push(path.dirname(realpathSync(initdb)));
  }
  return directories;
}

function describe(directory: string): PostgresBinaries | undefined {
  const [initdb, postgres, psql] = REQUIRED.map((name) => path.join(directory, name));
  if (initdb === undefined || postgres === undefined || psql === undefined) return undefined;
  if (![initdb, postgres, psql].every(isExecutable)) return undefined;
  const majorVersion = readMajorVersion(postgres);
  if (majorVersion === undefined) return undefined;
  return { directory: realpathSync(directory), majorVersion, initdb, postgres, psql };
}

function readMajorVersion(postgres: string): number | undefined {
  try {
    // "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
    const output = execFileSync(postgres, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
