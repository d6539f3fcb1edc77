/** One step into a JSON value: an object key or an array index. */
export type JsonPathSegment = string | number;

/**
 * `['tools', 0, 'function', 'parameters']` → `tools[0].function.parameters`, the way OpenAI names params. Paths longer
 * than `maxSegments` end in `…`: the first levels say which field it is, the rest is the same level repeated.
 */
export function formatJsonPath(segments: readonly JsonPathSegment[], maxSegments = 8): string {
  let text = '';
  for (const segment of segments.slice(0, maxSegments)) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return segments.length > maxSegments ? `${text}…` : text;
}
