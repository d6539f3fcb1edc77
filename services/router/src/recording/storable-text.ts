const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A prompt as the feedback service can store it: without NUL characters (Postgres text cannot hold them) and with
 * lone surrogates replaced by U+FFFD. The request itself is routed and forwarded unchanged; only the record is cleaned.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd');
}
