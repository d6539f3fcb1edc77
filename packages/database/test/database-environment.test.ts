import path from 'node:path';
import { databaseOptionsFromEnvironment, describeDatabase } from '@routewise/database';

describe('databaseOptionsFromEnvironment', () => {
  it('uses DATABASE_URL when it is set', () => {
    expect(databaseOptionsFromEnvironment({ DATABASE_URL: 'postgres://feedback:secret@db:5432/routewise', ROUTEWISE_DATA_DIR: '/data' })).toEqual({
      url: 'postgres://feedback:secret@db:5432/routewise',
    });
  });

  it('falls back to PGlite in $ROUTEWISE_DATA_DIR/feedback-db, .data by default, when DATABASE_URL is unset or blank', () => {
    expect(databaseOptionsFromEnvironment({ DATABASE_URL: ' ', ROUTEWISE_DATA_DIR: '/srv/routewise' })).toEqual({
      dataDirectory: '/srv/routewise/feedback-db',
    });
    expect(databaseOptionsFromEnvironment({})).toEqual({ dataDirectory: path.resolve('.data', 'feedback-db') });
  });
});

describe('describeDatabase', () => {
  it('names the host and database but never the password', () => {
    const description = describeDatabase({ url: 'postgres://feedback:secret@db:5432/routewise' });
    expect(description).toBe('Postgres at db:5432/routewise');
    expect(description).not.toContain('secret');
    expect(describeDatabase({ dataDirectory: '/srv/routewise/feedback-db' })).toBe('PGlite in /srv/routewise/feedback-db');
    expect(describeDatabase({})).toBe('PGlite in memory');
  });
});
