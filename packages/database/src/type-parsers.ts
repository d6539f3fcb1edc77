/**
 * Both drivers read values the same way. node-postgres and PGlite differ out of the box: pg reads bigint as a
 * string and date as a local-midnight Date, PGlite reads bigint as a number and date as a UTC-midnight Date.
 * Both are given these parsers (pg per pool, PGlite per query), so both read bigint (bigserial ids, count(*))
 * as a number and date as its `YYYY-MM-DD` text.
 */
export const POSTGRES_TYPE_IDS = { INT8: 20, DATE: 1082 } as const;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit in a JavaScript number`);
  return value;
}

export function parseDate(text: string): string {
  return text;
}

export const SHARED_TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [POSTGRES_TYPE_IDS.INT8]: parseInt8,
  [POSTGRES_TYPE_IDS.DATE]: parseDate,
};
