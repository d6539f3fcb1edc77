import path from 'node:path';

/** `../shared/data` beside the repo, or ROUTEWISE_SHARED_DATA. Read in place, never copied. */
export function sharedDataDirectory(): string {
  return process.env['ROUTEWISE_SHARED_DATA'] || path.resolve(__dirname, '../../../../shared/data');
}
