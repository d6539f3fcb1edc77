// `npm test`: install, build and type-check, then run every test (jest) and print one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild, installEnvironment, pnpm, root } from './workspace.mjs';

installAndBuild();
console.log('› type-checking tests');
pnpm(['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']);

const resultsFile = path.join(root, '.data', 'jest-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true });
console.log('› running jest');
const jest = spawnSync('npx', ['--yes', 'pnpm@10.34.8', 'exec', 'jest', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...installEnvironment, ROUTEWISE_TEST_DATA_DIR: path.join(root, '.data', 'test') },
});

let summary = '';
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
} catch {
  summary = '0 passed, 1 failed';
}
console.log(`\njest: ${summary}`);
process.exit(jest.status ?? 1);
