export { JsonStructureScanner } from './json-structure-scanner';
export type { JsonStructureLimits } from './json-structure-limits';
export { parseJsonWithinLimits } from './parse-json-within-limits';
export { formatJsonPath } from './json-path';
export type { JsonPathSegment } from './json-path';
