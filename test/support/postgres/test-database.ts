import { randomBytes } from 'node:crypto';
import { requirePostgresBinaries } from './find-postgres-binaries';
import { runCommand } from './run-command';

/**
 * Creates a new, empty database on the server behind `serverUrl` (any database URL of that server) and returns
 * its URL. The name defaults to a random `routewise_test_<hex>`, so each test can have a fresh database.
 */
export async function createTestDatabase(
  serverUrl: string,
  name = `routewise_test_${randomBytes(6).toString('hex')}`,
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const maintenance = new URL(serverUrl);
  maintenance.pathname = '/postgres';
  const psqlArguments = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', maintenance.toString(), '-c', `CREATE DATABASE ${name}`];
  await runCommand(requirePostgresBinaries().psql, psqlArguments, {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
  });
  const database = new URL(serverUrl);
  database.pathname = `/${name}`;
  return database.toString();
}
