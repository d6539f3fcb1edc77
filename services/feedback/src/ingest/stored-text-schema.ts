import { z } from 'zod';

/**
 * Text the database keeps. Postgres text and jsonb cannot hold NUL (the insert fails), and the drivers silently turn
 * a lone surrogate into U+FFFD; both are refused with a message saying where, so nothing is stored changed.
 */
export function storedText(maxLength: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .max(maxLength, { error: (issue) => `must be at most ${maxLength.toLocaleString('en-US')} characters (got ${String((issue.input as string).length)})` })
    .superRefine((value, context) => {
      const problem = unstorableCharacter(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
}

/** Ids routers issue (`req_…`): printable ASCII without spaces, each problem with its own message. */
export function identifier(maxLength = 200) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(maxLength, { error: (issue) => `must be at most ${maxLength} characters (got ${String((issue.input as string).length)})` })
    .regex(/^[\x21-\x7e]+$/, { error: 'may only hold printable ASCII characters without spaces, like the ids routers issue (req_…)' });
}

/** Why Postgres cannot store this text faithfully, or null when it can. */
export function unstorableCharacter(value: string): string | null {
  const nul = value.indexOf('\u0000');
  if (nul !== -1) return `must not contain the NUL character (U+0000, at position ${nul})`;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = value.charCodeAt(index + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      index++;
      continue;
    }
    return `must be valid Unicode: a lone surrogate (U+${code.toString(16).toUpperCase()}) is at position ${index}`;
  }
  return null;
}
