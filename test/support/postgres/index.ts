export { startPostgresServer } from './start-postgres-server';
export type { PostgresServer, StartPostgresServerOptions } from './start-postgres-server';
export { createTestDatabase } from './test-database';
export { findPostgresBinaries, requirePostgresBinaries, PREFERRED_POSTGRES_MAJOR_VERSION } from './find-postgres-binaries';
export type { PostgresBinaries } from './find-postgres-binaries';
export { findFreePort } from './free-port';
