/** What stands in for a secret wherever it would otherwise appear in text. */
export const REDACTED = '[redacted]';

/**
 * Removes every occurrence of `secret` from `text`. Provider and SDK messages can echo the key they were sent
 * (a malformed header, a proxy's "invalid key sk-..." message); nothing that leaves an adapter may carry it.
 */
export function redactSecret(text: string, secret: string): string {
  if (secret === '') return text;
  return text.split(secret).join(REDACTED);
}
