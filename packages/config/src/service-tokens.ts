import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';

/**
 * The two shared secrets: `internal` lets routers write decisions and feedback to the feedback service; `admin` lets
 * an operator retrain and read stats. Each comes from its variable when set, otherwise from a file in the data folder
 * that the first process to need it generates, so `npm start` is closed by default and still needs no setup.
 */
export const SERVICE_TOKENS = {
  internal: { variable: 'ROUTEWISE_INTERNAL_TOKEN', file: 'internal-token', prefix: 'rw-internal-' },
  admin: { variable: 'ADMIN_TOKEN', file: 'admin-token', prefix: 'rw-admin-' },
} as const;

export type ServiceTokenName = keyof typeof SERVICE_TOKENS;

export interface ServiceToken {
  value: string;
  /** Where it came from: the variable, or the file (which this call may have just created). */
  source: 'environment' | 'file';
  /** The file in the data folder; null when the variable set it. */
  file: string | null;
  created: boolean;
}

/** `<data folder>/secrets/<name>-token`. */
export function serviceTokenFile(dataDirectory: string, name: ServiceTokenName): string {
  return path.resolve(dataDirectory, 'secrets', SERVICE_TOKENS[name].file);
}

/**
 * The token from the environment, else from its file, else (with `create`) a new random one written to its file
 * (mode 0600, in a 0700 folder). Creation is atomic, so processes starting together agree on one token. Without
 * `create`, resolves to null when there is none.
 */
export function resolveServiceToken(name: ServiceTokenName, fromEnvironment: string | undefined, dataDirectory: string, options: { create: true }): ServiceToken;
export function resolveServiceToken(name: ServiceTokenName, fromEnvironment: string | undefined, dataDirectory: string, options: { create: false }): ServiceToken | null;
export function resolveServiceToken(name: ServiceTokenName, fromEnvironment: string | undefined, dataDirectory: string, options: { create: boolean }): ServiceToken | null {
  if (fromEnvironment !== undefined) return { value: fromEnvironment, source: 'environment', file: null, created: false };
  const file = serviceTokenFile(dataDirectory, name);
  const existing = readTokenFile(file);
  if (existing !== null) return { value: existing, source: 'file', file, created: false };
  if (!options.create) return null;
  const created = writeTokenFileOnce(file, `${SERVICE_TOKENS[name].prefix}${randomBytes(32).toString('base64url')}`);
  return { value: readTokenFile(file)!, source: 'file', file, created };
}

function readTokenFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const token = text.trim();
  if (token.length < 16) throw new ConfigError(file, ['the token file is empty or shorter than 16 characters; delete it to have a new one generated']);
  return token;
}

/** Writes the file unless another process got there first (the link fails then); true when this one wrote it. */
function writeTokenFileOnce(file: string, value: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${value}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(temporary);
  }
}
