import { InvalidRequestError } from '@routewise/errors';

/** Days or times a stats query may name: four-digit years, the range Postgres and JavaScript both handle. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const ISO_DAY_OR_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A query parameter holding a day (`2026-11-27`, read as UTC midnight) or an ISO 8601 time with its offset; null when
 * absent. Anything else (another format, a day that does not exist, a year outside 1970–9999) is a 400 naming it.
 */
export function dateParameter(value: unknown, name: string): Date | null {
  if (value === undefined) return null;
  const problem = `'${name}' must be a day such as 2026-11-27 or a time such as 2026-11-27T08:00:00Z, between 1970 and 9999`;
  if (typeof value !== 'string') throw new InvalidRequestError(`${problem}, given once.`, name);
  const match = ISO_DAY_OR_TIME.exec(value);
  if (!match) throw new InvalidRequestError(`${problem}; got '${value.slice(0, 40)}'.`, name);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    throw new InvalidRequestError(`'${name}' names a day that does not exist: ${value}.`, name);
  }
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST || date.getTime() > LATEST) throw new InvalidRequestError(`${problem}; got '${value}'.`, name);
  return date;
}
