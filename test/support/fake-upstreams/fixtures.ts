import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Recorded-style provider bodies and streams the fake upstreams answer with. */
export const FIXTURES_DIRECTORY = join(__dirname, 'fixtures');

/** A fixture file's text. */
export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES_DIRECTORY, name), 'utf8');
}

/** A fixture parsed as JSON: a fresh copy each call, safe to change. */
export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name)) as unknown;
}

/** A `.sse` fixture as its events, each with its trailing blank line. */
export function readEventStreamFixture(name: string): string[] {
  return readFixture(name)
    .split(/(?<=\n\n)/)
    .filter((event) => event.trim() !== '');
}
